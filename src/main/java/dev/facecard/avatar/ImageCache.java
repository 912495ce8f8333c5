package dev.facecard.avatar;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * Made images (resized avatars, default images) by key. A missing one is made by one
 * request, in an {@link ImageWork} slot and outside any lock of the cache; others asking
 * for the same key meanwhile wait for that one instead of making it again (a page may
 * show one avatar many times at one size).
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
	 * The image of {@code key}; when neither cached nor being made, runs
	 * {@code beforeMaking} (which may refuse by throwing) and then {@code make} in an
	 * image-work slot.
	 */
	V get(K key, Runnable beforeMaking, Supplier<V> make) {
		V cached = this.made.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		CompletableFuture<V> running = this.making.get(key);
		if (running != null) {
			return join(running);
		}
		beforeMaking.run();
		CompletableFuture<V> mine = new CompletableFuture<>();
		running = this.making.putIfAbsent(key, mine);
		if (running != null) {
			return join(running);
		}
		try {
			// made and cached between the look-up above and now: nothing to do
			V value = this.made.asMap().get(key);
			if (value == null) {
				value = this.work.run(make);
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
	 * Waits for another request's making; its failure (a 503, say) is this request's too.
	 */
	private static <V> V join(CompletableFuture<V> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
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
