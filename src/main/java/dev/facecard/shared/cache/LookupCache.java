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
import java.util.function.ToIntBiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.shared.config.FacecardProperties;

import org.springframework.util.unit.DataSize;

/**
 * A cache of database lookups, trusted for {@code facecard.cache.ttl}, with two
 * properties the read paths rely on:
 * <ul>
 * <li>Exact invalidation. Once {@link #invalidate} has returned, no older value is
 * served, not even one that a lookup still loading at the time read before the write:
 * every key belongs to one of a fixed set of stripes with a generation that an
 * invalidation moves, every entry keeps the generation read before its load began, and an
 * entry whose generation has moved since is never served.</li>
 * <li>"Not found" is kept apart. Answers that found nothing live in a small cache of
 * their own (or none), so that lookups of made-up keys can never push real entries
 * out.</li>
 * </ul>
 * An invalidation also drops the other keys of its stripe (one in {@value #STRIPES}):
 * they load again on their next lookup.
 */
public final class LookupCache<K, V> {

	private static final int STRIPES = 1024;

	private final Cache<K, Stamped<V>> found;

	private final Cache<K, Long> notFound;

	private final boolean keepNotFound;

	private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

	/** Moves on {@link #invalidateAll}. */
	private final AtomicLong generation = new AtomicLong();

	private LookupCache(Cache<K, Stamped<V>> found, Cache<K, Long> notFound, boolean keepNotFound) {
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
		Cache<K, Stamped<V>> found = Caches.newBuilder()
			.maximumSize(settings.maxEntries())
			.expireAfterWrite(settings.ttl())
			.recordStats()
			.build();
		return new LookupCache<>(found, notFoundCache(settings, keepNotFound), keepNotFound);
	}

	/**
	 * As {@link #of}, found values bounded by their estimated size in memory instead of
	 * their count: small values, more of them in the same heap.
	 * @param bytes the estimated bytes a key and its value hold
	 */
	public static <K, V> LookupCache<K, V> weighed(FacecardProperties.Cache settings, DataSize maxBytes,
			ToIntBiFunction<K, V> bytes, boolean keepNotFound) {
		Cache<K, Stamped<V>> found = Caches.newBuilder()
			.maximumWeight(maxBytes.toBytes())
			.<K, Stamped<V>>weigher((key, stamped) -> bytes.applyAsInt(key, stamped.value()))
			.expireAfterWrite(settings.ttl())
			.recordStats()
			.build();
		return new LookupCache<>(found, notFoundCache(settings, keepNotFound), keepNotFound);
	}

	private static <K> Cache<K, Long> notFoundCache(FacecardProperties.Cache settings, boolean keepNotFound) {
		return Caches.newBuilder()
			.maximumSize(keepNotFound ? settings.maxNotFoundEntries() : 0)
			.expireAfterWrite(settings.ttl())
			.recordStats()
			.build();
	}

	/**
	 * The cached answer for {@code key}: a value, "not found" (empty), or null when
	 * nothing current is cached.
	 */
	public Optional<V> getIfPresent(K key) {
		long stamp = stamp(key);
		Stamped<V> value = this.found.getIfPresent(key);
		if (value != null && value.stamp() == stamp) {
			return Optional.of(value.value());
		}
		Long missing = this.notFound.getIfPresent(key);
		return (missing != null && missing == stamp) ? Optional.empty() : null;
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

	/** Forgets {@code key}; a load of it still in flight will not be served from here. */
	public void invalidate(K key) {
		this.generations.incrementAndGet(stripe(key));
		this.found.invalidate(key);
		this.notFound.invalidate(key);
	}

	/**
	 * Forgets everything, for a change that cannot name its keys (a ban reaches every API
	 * key of its user); no load in flight at the time will be served from here.
	 */
	public void invalidateAll() {
		this.generation.incrementAndGet();
		this.found.invalidateAll();
		this.notFound.invalidateAll();
	}

	/** The cache of found values, for metrics. */
	public Cache<K, ?> found() {
		return this.found;
	}

	/** The cache of "not found" answers, for metrics. */
	public Cache<K, ?> notFound() {
		return this.notFound;
	}

	/**
	 * Keeps a loaded answer with the generation read before its load: if an invalidation
	 * moved it meanwhile, the entry is never served, and the next lookup loads again.
	 */
	private void keep(K key, V value, long stamp) {
		if (value != null) {
			this.found.put(key, new Stamped<>(value, stamp));
		}
		else if (this.keepNotFound) {
			this.notFound.put(key, stamp);
		}
	}

	/**
	 * Moves whenever the key's stripe or the whole cache is invalidated: both only grow.
	 */
	private long stamp(K key) {
		return this.generations.get(stripe(key)) + this.generation.get();
	}

	private static int stripe(Object key) {
		int hash = key.hashCode();
		return (hash ^ (hash >>> 16)) & (STRIPES - 1);
	}

	/** A cached value and the generation of its key when its load began. */
	private record Stamped<V>(V value, long stamp) {
	}

}
