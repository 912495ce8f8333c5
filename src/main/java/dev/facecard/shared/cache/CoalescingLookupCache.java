package dev.facecard.shared.cache;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.facecard.shared.config.FacecardProperties;

/**
 * A cache of database lookups whose concurrent misses of one key share one load
 * (Caffeine's computing {@code get}), for lookups whose misses come in crowds of one key
 * (an avatar shown on every page). Kept as {@link LookupCache} keeps its lookups: for
 * {@code facecard.cache.ttl}, or for {@code facecard.cache.notified-ttl} when loaded
 * while this instance hears every change of the others ({@link CacheTrust}), and then
 * served only while it still does; nothing loaded before a loss of hearing is served
 * after it. An invalidation waits for a load of its key in flight and drops what it
 * loaded. Bounded by {@code facecard.cache.max-entries}.
 */
public final class CoalescingLookupCache<K, V> {

	private final Cache<K, Trusted<V>> cache;

	private final CacheTrust trust;

	public CoalescingLookupCache(FacecardProperties.Cache settings, CacheTrust trust) {
		this.cache = Caches.newBuilder()
			.maximumSize(settings.maxEntries())
			.expireAfter(Expiry.writing((K key, Trusted<V> trusted) -> CacheTrust.keptFor(settings, trusted.lasting())))
			.recordStats()
			.build();
		this.trust = trust;
	}

	/** The value of {@code key}, from the cache or from {@code loader} (never null). */
	public V get(K key, Function<K, V> loader) {
		Function<K, Trusted<V>> load = missing -> {
			// the epoch first: a loss of hearing between the two has moved it already
			long epoch = this.trust.epoch();
			boolean lasting = this.trust.hearsEveryChange();
			return new Trusted<>(loader.apply(missing), epoch, lasting);
		};
		Trusted<V> cached = this.cache.get(key, load);
		if (current(cached)) {
			return cached.value();
		}
		// loaded before changes may have gone unheard: dropped (unless another request
		// did so already) and loaded again, by one of the requests that found it
		this.cache.asMap().remove(key, cached);
		return this.cache.get(key, load).value();
	}

	/** Forgets {@code key}, waiting for a load of it in flight. */
	public void invalidate(K key) {
		this.cache.invalidate(key);
	}

	/** The cache itself, for metrics. */
	public Cache<K, ?> cache() {
		return this.cache;
	}

	private boolean current(Trusted<V> trusted) {
		return trusted.epoch() == this.trust.epoch() && this.trust.serves(trusted.lasting());
	}

	/** A value, the epoch when its load began, and whether changes were heard then. */
	private record Trusted<V>(V value, long epoch, boolean lasting) {
	}

}
