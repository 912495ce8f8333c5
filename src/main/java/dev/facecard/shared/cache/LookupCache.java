package dev.facecard.shared.cache;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.facecard.shared.config.FacecardProperties;

/**
 * A cache of database lookups, trusted for {@code facecard.cache.ttl}, with two
 * properties the read paths rely on:
 * <ul>
 * <li>Exact invalidation. After {@link #invalidate} returns, no lookup that was still
 * loading when it was called leaves its (possibly older) value behind, single or bulk:
 * every key belongs to one of a fixed set of stripes whose generation the invalidation
 * moves first, and a load keeps what it read only if the generations of its keys did not
 * move meanwhile (checked again after the put, which closes the gap between check and
 * put).</li>
 * <li>"Not found" is kept apart. Answers that found nothing live in a small cache of
 * their own (or none), so that lookups of made-up keys can never push real entries
 * out.</li>
 * </ul>
 * A load that lost a race is answered but not kept; the next lookup loads again.
 */
public final class LookupCache<K, V> {

	private static final int STRIPES = 1024;

	private final Cache<K, V> found;

	private final Cache<K, Boolean> notFound;

	private final boolean keepNotFound;

	private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

	/** Moves on {@link #invalidateIf}, which cannot name its keys. */
	private final AtomicLong generation = new AtomicLong();

	private LookupCache(Cache<K, V> found, Cache<K, Boolean> notFound, boolean keepNotFound) {
		this.found = found;
		this.notFound = notFound;
		this.keepNotFound = keepNotFound;
	}

	/**
	 * Found values bounded by {@code facecard.cache.max-entries}; "not found" by
	 * {@code facecard.cache.max-not-found-entries}, or not kept at all when
	 * {@code keepNotFound} is false.
	 */
	public static <K, V> LookupCache<K, V> of(FacecardProperties.Cache settings, boolean keepNotFound) {
		Cache<K, V> found = Caffeine.newBuilder()
			.maximumSize(settings.maxEntries())
			.expireAfterWrite(settings.ttl())
			.recordStats()
			.build();
		Cache<K, Boolean> notFound = Caffeine.newBuilder()
			.maximumSize(keepNotFound ? settings.maxNotFoundEntries() : 0)
			.expireAfterWrite(settings.ttl())
			.recordStats()
			.build();
		return new LookupCache<>(found, notFound, keepNotFound);
	}

	/**
	 * The cached answer for {@code key}: a value, "not found" (empty), or null when
	 * nothing is cached.
	 */
	public Optional<V> getIfPresent(K key) {
		V value = this.found.getIfPresent(key);
		if (value != null) {
			return Optional.of(value);
		}
		return (this.notFound.getIfPresent(key) != null) ? Optional.empty() : null;
	}

	/**
	 * The answer for {@code key}, from the cache or from {@code loader} (null: not
	 * found).
	 */
	public Optional<V> get(K key, Function<K, V> loader) {
		Optional<V> cached = getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		long stamp = stamp(key);
		V loaded = loader.apply(key);
		keep(key, loaded, stamp);
		return Optional.ofNullable(loaded);
	}

	/**
	 * The answers for {@code keys}, those not cached loaded with one call of
	 * {@code loader}, which returns the values it found (a key it leaves out is not
	 * found). Every key of {@code keys} is in the result.
	 */
	public Map<K, Optional<V>> getAll(Collection<K> keys, Function<Set<K>, Map<K, V>> loader) {
		Map<K, Optional<V>> answers = new HashMap<>();
		Set<K> missing = new LinkedHashSet<>();
		for (K key : keys) {
			Optional<V> cached = getIfPresent(key);
			if (cached != null) {
				answers.put(key, cached);
			}
			else {
				missing.add(key);
			}
		}
		if (missing.isEmpty()) {
			return answers;
		}
		Map<K, Long> stamps = new HashMap<>();
		missing.forEach(key -> stamps.put(key, stamp(key)));
		Map<K, V> loaded = loader.apply(Set.copyOf(missing));
		for (K key : missing) {
			V value = loaded.get(key);
			keep(key, value, stamps.get(key));
			answers.put(key, Optional.ofNullable(value));
		}
		return answers;
	}

	/** Forgets {@code key}; a load of it still in flight will not be kept. */
	public void invalidate(K key) {
		this.generations.incrementAndGet(stripe(key));
		this.found.invalidate(key);
		this.notFound.invalidate(key);
	}

	/**
	 * Forgets every found value that {@code stale} matches; no load in flight at the time
	 * will be kept.
	 */
	public void invalidateIf(Predicate<V> stale) {
		this.generation.incrementAndGet();
		this.found.asMap().values().removeIf(stale);
	}

	/** The cache of found values, for metrics. */
	public Cache<K, V> found() {
		return this.found;
	}

	/** The cache of "not found" answers, for metrics. */
	public Cache<K, Boolean> notFound() {
		return this.notFound;
	}

	private void keep(K key, V value, long stamp) {
		if (stamp(key) != stamp) {
			return;
		}
		if (value != null) {
			this.found.put(key, value);
		}
		else if (this.keepNotFound) {
			this.notFound.put(key, Boolean.TRUE);
		}
		if (stamp(key) != stamp) { // invalidated between the check and the put
			this.found.invalidate(key);
			this.notFound.invalidate(key);
		}
	}

	/**
	 * Moves whenever the key's stripe or the whole cache is invalidated: both only ever
	 * grow.
	 */
	private long stamp(K key) {
		return this.generations.get(stripe(key)) + this.generation.get();
	}

	private static int stripe(Object key) {
		int hash = key.hashCode();
		return (hash ^ (hash >>> 16)) & (STRIPES - 1);
	}

}
