package dev.facecard.avatar;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * Made images (resized avatars, WebP encodings, renditions read from the database,
 * default images) by key. A missing one is made by one request, outside any lock of the
 * cache; others asking for the same key meanwhile wait for that one instead of making it
 * again (a page may show one avatar many times at one size). Image work runs in an
 * {@link ImageWork} slot and is paid for once, by the request that makes it.
 */
final class ImageCache<K, V> {

	private final Cache<K, V> made;

	private final ImageWork work;

	private final ConcurrentMap<K, CompletableFuture<V>> making = new ConcurrentHashMap<>();

	ImageCache(Cache<K, V> made, ImageWork work) {
		this.made = made;
		this.work = work;
	}

	/**
	 * The image of {@code key}, made in an image-work slot when neither cached nor being
	 * made.
	 */
	V get(K key, Supplier<V> make) {
		return get(key, () -> {
		}, make);
	}

	/**
	 * The image of {@code key}; when neither cached nor being made, this request makes
	 * it: it runs {@code beforeMaking} (its payment, which may refuse by throwing) and
	 * then {@code make} in an image-work slot. Requests waiting for it pay nothing.
	 */
	V get(K key, Runnable beforeMaking, Supplier<V> make) {
		return getOrMake(key, beforeMaking, () -> this.work.run(make));
	}

	/**
	 * The value of {@code key}, loaded by {@code load} on this thread when neither cached
	 * nor being loaded: no image work (a read of stored bytes), so neither slot nor
	 * payment.
	 */
	V load(K key, Supplier<V> load) {
		return getOrMake(key, () -> {
		}, load);
	}

	private V getOrMake(K key, Runnable beforeMaking, Supplier<V> make) {
		while (true) {
			V cached = this.made.getIfPresent(key);
			if (cached != null) {
				return cached;
			}
			CompletableFuture<V> running = this.making.get(key);
			if (running == null) {
				CompletableFuture<V> mine = new CompletableFuture<>();
				running = this.making.putIfAbsent(key, mine);
				if (running == null) {
					return make(key, mine, beforeMaking, make);
				}
			}
			V value = join(running);
			if (value != null) {
				return value;
			}
			// the request making it was refused its payment: ask again (and maybe pay)
		}
	}

	/**
	 * Makes the value as the one request that does: pays only now that no other request
	 * is making it, so no two requests pay for one image.
	 */
	private V make(K key, CompletableFuture<V> mine, Runnable beforeMaking, Supplier<V> make) {
		try {
			// made and cached between the look-up above and now: nothing to do
			V value = this.made.asMap().get(key);
			if (value == null) {
				try {
					beforeMaking.run();
				}
				catch (RuntimeException ex) {
					// its refusal is this request's alone: waiters try again
					mine.complete(null);
					throw ex;
				}
				value = make.get();
				this.made.put(key, value);
			}
			mine.complete(value);
			return value;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.making.remove(key, mine);
		}
	}

	Cache<K, V> cache() {
		return this.made;
	}

	/**
	 * Waits for another request's making; its failure is this request's too, and a 503
	 * for want of an image-work slot is answered as this request's own.
	 */
	private static <V> V join(CompletableFuture<V> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof ImageWorkUnavailableException) {
				throw new ImageWorkUnavailableException();
			}
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
