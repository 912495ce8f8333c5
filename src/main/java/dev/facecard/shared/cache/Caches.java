package dev.facecard.shared.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.facecard.shared.config.FacecardProperties;

/**
 * The shape of every lookup cache: bounded by entries, trusted for
 * {@code facecard.cache.ttl}.
 */
public final class Caches {

	private Caches() {
	}

	public static <K, V> Cache<K, V> lookups(FacecardProperties.Cache settings) {
		return Caffeine.newBuilder()
			.maximumSize(settings.maxEntries())
			.expireAfterWrite(settings.ttl())
			.recordStats()
			.<K, V>build();
	}

}
