package dev.facecard.shared.cache;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.facecard.shared.config.FacecardProperties;

/**
 * A cache of database lookups whose concurrent misses of one key share one load, for
 * lookups whose misses come in crowds of one key (an avatar shown on every page). The
 * caller that finds a key missing loads it outside the cache's locks, the others of that
 * key wait for its load: a slow load (a statement waiting for its turn) holds up no other
 * key. Kept as {@link LookupCache} keeps its lookups: for {@code facecard.cache.ttl}, or
 * for {@code facecard.cache.notified-ttl} when loaded while this instance hears every
 * change of the others ({@link CacheTrust}), and then served only until half of the TTL
 * after its latest confirmation ({@link CacheTrust#serves}); nothing loaded before a new
 * listening session is served after it begins. Its time in the cache counts from when its
 * load began: a slow statement does not stretch the staleness bound. An invalidation
 * drops its key at once: a load of it in flight answers the callers that were waiting for
 * it, and is not kept. Bounded by {@code facecard.cache.max-entries}.
 */
public final class CoalescingLookupCache<K, V> {

	private final AsyncCache<K, Trusted<V>> cache;

	/** The cache's statistics, for the hits answered from its map view. */
	private final StatsCounter stats = new ConcurrentStatsCounter();

	private final FacecardProperties.Cache settings;

	private final CacheTrust trust;

	public CoalescingLookupCache(FacecardProperties.Cache settings, CacheTrust trust) {
		this.cache = Caches.newBuilder()
			.maximumSize(settings.maxEntries())
			.expireAfter(new UntilDeadline<K, V>())
			.recordStats(() -> this.stats)
			.buildAsync();
		this.settings = settings;
		this.trust = trust;
	}

	/** The value of {@code key}, from the cache or from {@code loader} (never null). */
	public V get(K key, Function<K, V> loader) {
		return get(key, loader, () -> {
		});
	}

	/**
	 * As {@link #get(Object, Function)}, running {@code beforeLoad} first when no current
	 * value of {@code key} is cached: a load may follow (this caller's, or one in flight
	 * it joins). What it throws leaves the cache untouched and no other caller affected.
	 */
	public V get(K key, Function<K, V> loader, Runnable beforeLoad) {
		CompletableFuture<Trusted<V>> cached = this.cache.asMap().get(key);
		Trusted<V> loaded = (cached != null) ? cached.getNow(null) : null;
		boolean stale = false;
		if (loaded != null && loaded.failure() == null) {
			if (current(loaded)) {
				// answered from this one read (a second, through the cache, cost 0.3 µs a
				// hit); the map view counts no hit, so it is counted here
				this.stats.recordHits(1);
				return loaded.value();
			}
			stale = true;
		}
		beforeLoad.run();
		if (stale) {
			// loaded before changes may have gone unheard: dropped now, so that its load
			// again counts once in the statistics, as a miss
			this.cache.asMap().remove(key, cached);
		}
		return load(key, loader);
	}

	/** The value of {@code key} through the cache: its load, or one in flight. */
	private V load(K key, Function<K, V> loader) {
		CompletableFuture<Trusted<V>> found = lookUp(key, loader);
		Trusted<V> cached = found.join().orThrow();
		if (current(cached)) {
			return cached.value();
		}
		// loaded before changes may have gone unheard: dropped (unless another request
		// did so already) and loaded again, by one of the requests that found it
		this.cache.asMap().remove(key, found);
		return lookUp(key, loader).join().orThrow().value();
	}

	/** Forgets {@code key}; a load of it in flight is not kept. */
	public void invalidate(K key) {
		this.cache.synchronous().invalidate(key);
	}

	/** The cache itself, for metrics. */
	public Cache<K, ?> cache() {
		return this.cache.synchronous();
	}

	/**
	 * The cached load of {@code key}, or a new one that this caller runs (after the cache
	 * has taken its future, outside the cache's locks). A failed load is dropped before
	 * it completes, so no later caller finds it, and fails every caller that waited for
	 * it; its future completes normally with the failure inside (a future completed with
	 * an exception would have the cache log it, whole, at each failure).
	 */
	private CompletableFuture<Trusted<V>> lookUp(K key, Function<K, V> loader) {
		CompletableFuture<Trusted<V>> mine = new CompletableFuture<>();
		CompletableFuture<Trusted<V>> found = this.cache.get(key, (missing, executor) -> mine);
		if (found == mine) {
			long startedAt = System.nanoTime();
			try {
				// the epoch first: a session begun between the two has moved it already
				long epoch = this.trust.epoch();
				boolean lasting = this.trust.hearsEveryChange();
				V value = loader.apply(key);
				long deadline = CacheTrust.keptUntil(this.settings, lasting, startedAt);
				if (deadline - System.nanoTime() <= 0) {
					// loaded for longer than it may be kept: answers its callers only
					this.cache.asMap().remove(key, mine);
				}
				mine.complete(new Trusted<>(value, epoch, lasting, deadline));
			}
			catch (RuntimeException | Error ex) {
				this.cache.asMap().remove(key, mine);
				mine.complete(Trusted.failed(ex));
			}
		}
		return found;
	}

	private boolean current(Trusted<V> trusted) {
		return trusted.epoch() == this.trust.epoch() && this.trust.serves(trusted.lasting());
	}

	/**
	 * Keeps each value until its own deadline: its TTL counted from when its load began.
	 * The cache asks once the load has completed, for that entry alone.
	 */
	private static final class UntilDeadline<K, V> implements Expiry<K, Trusted<V>> {

		@Override
		public long expireAfterCreate(K key, Trusted<V> trusted, long currentTime) {
			return Math.max(0, trusted.deadline() - currentTime);
		}

		@Override
		public long expireAfterUpdate(K key, Trusted<V> trusted, long currentTime, long currentDuration) {
			return Math.max(0, trusted.deadline() - currentTime);
		}

		@Override
		public long expireAfterRead(K key, Trusted<V> trusted, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

	/**
	 * A value, the epoch when its load began, whether changes were heard then, and until
	 * when it may be kept (of {@link System#nanoTime}, the cache's clock); or the failure
	 * of its load.
	 */
	private record Trusted<V>(V value, long epoch, boolean lasting, long deadline, Throwable failure) {

		Trusted(V value, long epoch, boolean lasting, long deadline) {
			this(value, epoch, lasting, deadline, null);
		}

		static <V> Trusted<V> failed(Throwable failure) {
			return new Trusted<>(null, 0, false, 0, failure);
		}

		/** This, or its load's failure thrown as it was thrown. */
		Trusted<V> orThrow() {
			if (this.failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (this.failure instanceof Error error) {
				throw error;
			}
			return this;
		}

	}

}
