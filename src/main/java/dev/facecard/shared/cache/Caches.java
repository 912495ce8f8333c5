package dev.facecard.shared.cache;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where every cache of Facecard starts ({@link LookupCache},
 * {@link CoalescingLookupCache}, the image caches).
 */
public final class Caches {

	private Caches() {
	}

	/**
	 * A Caffeine builder whose upkeep (evictions, expiry) runs on the thread that used
	 * the cache, in small amortised steps, instead of being handed to the common
	 * fork-join pool, whose thread had to be woken for it: on a load of profile-cache
	 * misses that was about one context switch per request and 7 µs of the pool's CPU
	 * (bench/RESULTS.md, Notes). Every cache of Facecard starts here.
	 */
	public static Caffeine<Object, Object> newBuilder() {
		return Caffeine.newBuilder().executor(Runnable::run);
	}

}
