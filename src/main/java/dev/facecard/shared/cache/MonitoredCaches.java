package dev.facecard.shared.cache;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * A component that owns caches worth watching: each is published as
 * {@code facecard.cache.*} (gets by hit and miss, evictions, size), tagged with its name.
 */
public interface MonitoredCaches {

	/**
	 * The caches by metric name, e.g. {@code avatar.refs}; each recording its statistics
	 * ({@code recordStats}), whose hits and misses are the published gets.
	 */
	Map<String, Cache<?, ?>> monitoredCaches();

}
