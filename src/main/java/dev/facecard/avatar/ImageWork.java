package dev.facecard.avatar;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.facecard.shared.config.FacecardProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one server-wide bound of image work on the read path: resized avatars and default
 * images are made in at most {@code facecard.avatar.image-work.concurrency} slots at
 * once. Each piece of work holds a bounded raster ({@link AvatarResizer}), so together
 * they fit the heap however many requests ask. A request that gets no slot within
 * {@code max-wait} is refused with a 503 rather than queued without end (README "Hostile
 * input"); refusals are counted in {@code facecard.avatar.image-work.refusals}.
 *
 * <p>
 * The work itself runs on platform threads of its own, one per slot, while the request's
 * thread waits: on virtual threads (Java 21+) a resize would otherwise hold one of the
 * few carrier threads for its whole length, and cached avatars would wait behind it;
 * platform threads are time-sliced with everything else.
 */
@Component
class ImageWork implements DisposableBean {

	/**
	 * Fair: the request that has waited longest gets the next slot, so waits stay within
	 * max-wait.
	 */
	private final Semaphore slots;

	private final long maxWaitNanos;

	private final Counter refusals;

	private final ExecutorService workers;

	ImageWork(FacecardProperties properties, MeterRegistry meters) {
		FacecardProperties.ImageWork settings = properties.avatar().imageWork();
		this.slots = new Semaphore(settings.concurrency(), true);
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(settings.concurrency(), work -> {
			Thread thread = new Thread(work, "image-work-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.maxWaitNanos = settings.maxWait().toNanos();
		this.refusals = Counter.builder("facecard.avatar.image-work.refusals")
			.description("Requests refused with 503 because no image-work slot became free in time")
			.register(meters);
	}

	/**
	 * Runs {@code work} in a slot; {@link ImageWorkUnavailableException} (503) when none
	 * is free in time.
	 */
	<T> T run(Supplier<T> work) {
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(this.maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			this.refusals.increment();
			throw new ImageWorkUnavailableException();
		}
		try {
			Future<T> result = this.workers.submit(work::get);
			try {
				return result.get();
			}
			catch (InterruptedException ex) {
				result.cancel(true);
				Thread.currentThread().interrupt();
				throw new ImageWorkUnavailableException();
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			this.slots.release();
		}
	}

	@Override
	public void destroy() {
		this.workers.shutdownNow();
	}

}
