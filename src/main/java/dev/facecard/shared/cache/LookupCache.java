package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntBiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import dev.facecard.shared.config.FacecardProperties;

import org.springframework.util.unit.DataSize;

/**
 * A cache of database lookups, trusted for {@code facecard.cache.ttl}, or for
 * {@code facecard.cache.notified-ttl} when loaded while this instance hears every change
 * of the others ({@link CacheTrust}) and served then only until half of the TTL after its
 * latest confirmation ({@link CacheTrust#serves}), with two properties the read paths
 * rely on:
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
 * they load again on their next lookup. A lookup's time in the cache counts from when its
 * load began, not from when it was kept: a slow statement does not stretch the staleness
 * bound.
 */
public final class LookupCache<K, V> {

	private static final int STRIPES = 1024;

	private final Cache<K, Stamped<V>> found;

	private final Cache<K, Stamp> notFound;

	/** {@link #found}'s expiry, set per entry from when its load began. */
	private final Policy.VarExpiration<K, Stamped<V>> foundExpiry;

	/** {@link #notFound}'s expiry, as {@link #foundExpiry}. */
	private final Policy.VarExpiration<K, Stamp> notFoundExpiry;

	private final FacecardProperties.Cache settings;

	private final boolean keepNotFound;

	private final CacheTrust trust;

	/** Whether a found value still says what it said when loaded. */
	private final Predicate<V> unchanged;

	private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

	/** Moves on {@link #invalidateAll}. */
	private final AtomicLong generation = new AtomicLong();

	private LookupCache(Cache<K, Stamped<V>> found, Cache<K, Stamp> notFound, FacecardProperties.Cache settings,
			boolean keepNotFound, CacheTrust trust, Predicate<V> unchanged) {
		this.found = found;
		this.notFound = notFound;
		this.foundExpiry = found.policy().expireVariably().orElseThrow();
		this.notFoundExpiry = notFound.policy().expireVariably().orElseThrow();
		this.settings = settings;
		this.keepNotFound = keepNotFound;
		this.trust = trust;
		this.unchanged = unchanged;
	}

	/**
	 * Found values bounded by {@code facecard.cache.max-entries}; "not found" by
	 * {@code facecard.cache.max-not-found-entries}, or not kept at all when
	 * {@code keepNotFound} is false.
	 */
	public static <K, V> LookupCache<K, V> of(FacecardProperties.Cache settings, CacheTrust trust,
			boolean keepNotFound) {
		Cache<K, Stamped<V>> found = Caches.newBuilder()
			.maximumSize(settings.maxEntries())
			.expireAfter(Expiry.writing((K key, Stamped<V> stamped) -> ttl(settings, stamped.lasting())))
			.recordStats()
			.build();
		return new LookupCache<>(found, notFoundCache(settings, keepNotFound), settings, keepNotFound, trust,
				value -> true);
	}

	/**
	 * As {@link #of}, found values bounded by their estimated size in memory instead of
	 * their count: small values, more of them in the same heap.
	 * @param bytes the estimated bytes a key and its value hold
	 * @param unchanged whether a value still says what it said when loaded (a value that
	 * changes with time, not with a write, is not served past that moment)
	 */
	public static <K, V> LookupCache<K, V> weighed(FacecardProperties.Cache settings, CacheTrust trust,
			DataSize maxBytes, ToIntBiFunction<K, V> bytes, Predicate<V> unchanged, boolean keepNotFound) {
		Cache<K, Stamped<V>> found = Caches.newBuilder()
			.maximumWeight(maxBytes.toBytes())
			.<K, Stamped<V>>weigher((key, stamped) -> bytes.applyAsInt(key, stamped.value()))
			.expireAfter(Expiry.writing((K key, Stamped<V> stamped) -> ttl(settings, stamped.lasting())))
			.recordStats()
			.build();
		return new LookupCache<>(found, notFoundCache(settings, keepNotFound), settings, keepNotFound, trust,
				unchanged);
	}

	private static <K> Cache<K, Stamp> notFoundCache(FacecardProperties.Cache settings, boolean keepNotFound) {
		return Caches.newBuilder()
			.maximumSize(keepNotFound ? settings.maxNotFoundEntries() : 0)
			.expireAfter(Expiry.writing((K key, Stamp stamp) -> ttl(settings, stamp.lasting())))
			.recordStats()
			.build();
	}

	private static Duration ttl(FacecardProperties.Cache settings, boolean lasting) {
		return CacheTrust.keptFor(settings, lasting);
	}

	/**
	 * The cached answer for {@code key}: a value, "not found" (empty), or null when
	 * nothing current is cached.
	 */
	public Optional<V> getIfPresent(K key) {
		long generation = generation(key);
		Stamped<V> value = this.found.getIfPresent(key);
		if (value != null && current(value.generation(), value.lasting(), generation)
				&& this.unchanged.test(value.value())) {
			return Optional.of(value.value());
		}
		Stamp missing = this.notFound.getIfPresent(key);
		return (missing != null && current(missing.generation(), missing.lasting(), generation)) ? Optional.empty()
				: null;
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
		long startedAt = System.nanoTime();
		Stamp stamp = stamp(key);
		V loaded = loader.apply(key);
		keep(key, loaded, stamp, startedAt);
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
		long startedAt = System.nanoTime();
		Map<K, Stamp> stamps = new HashMap<>();
		missing.forEach(key -> stamps.put(key, stamp(key)));
		Map<K, V> loaded = loader.apply(Set.copyOf(missing));
		for (K key : missing) {
			V value = loaded.get(key);
			keep(key, value, stamps.get(key), startedAt);
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
	 * moved it meanwhile, the entry is never served, and the next lookup loads again. It
	 * is kept for its TTL less the time since its load began ({@code startedAt}, of
	 * {@link System#nanoTime}, the cache's clock), and not at all once that has passed.
	 */
	private void keep(K key, V value, Stamp stamp, long startedAt) {
		long left = CacheTrust.keptUntil(this.settings, stamp.lasting(), startedAt) - System.nanoTime();
		if (left <= 0) {
			return;
		}
		if (value != null) {
			this.foundExpiry.put(key, new Stamped<>(value, stamp.generation(), stamp.lasting()), left,
					TimeUnit.NANOSECONDS);
		}
		else if (this.keepNotFound) {
			this.notFoundExpiry.put(key, stamp, left, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Taken before a load: the generation first, then whether changes are heard, so that
	 * a listening session begun between the two has moved the generation already.
	 */
	private Stamp stamp(K key) {
		long generation = generation(key);
		return new Stamp(generation, this.trust.hearsEveryChange());
	}

	/**
	 * Whether an entry stamped with generation {@code stamped} (and {@code lasting}) may
	 * be served now, the key's generation being {@code generation}: nothing invalidated
	 * it since, and a lasting one only until half of the TTL after the latest
	 * confirmation.
	 */
	private boolean current(long stamped, boolean lasting, long generation) {
		return stamped == generation && this.trust.serves(lasting);
	}

	/**
	 * Moves whenever the key's stripe or the whole cache is invalidated, or changes may
	 * have gone unheard: all three only grow.
	 */
	private long generation(K key) {
		return this.generations.get(stripe(key)) + this.generation.get() + this.trust.epoch();
	}

	private static int stripe(Object key) {
		int hash = key.hashCode();
		return (hash ^ (hash >>> 16)) & (STRIPES - 1);
	}

	/**
	 * The generation of a key when its load began, and whether changes were heard then
	 * (kept for {@code notified-ttl} instead of {@code ttl}).
	 */
	private record Stamp(long generation, boolean lasting) {
	}

	/**
	 * A cached value and its {@link Stamp}'s fields: one object a value, not two, since
	 * every entry of every cache holds one (16 bytes less a card: bench/RESULTS.md,
	 * Notes, "One object a cached value, not two").
	 */
	private record Stamped<V>(V value, long generation, boolean lasting) {
	}

}
