package dev.facecard.avatar;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.facecard.shared.config.FacecardProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ImageCache}: one request makes an image and pays for it; those waiting for it
 * pay nothing, get its failure as their own, and try again (paying then) when the maker
 * was refused its payment.
 */
class ImageCacheTest {

	private final ImageWork work = new ImageWork(new Binder(new MapConfigurationPropertySource(
			Map.of("facecard.avatar.image-work.concurrency", "1", "facecard.avatar.image-work.max-wait", "500ms")))
		.bindOrCreate("facecard", FacecardProperties.class), new SimpleMeterRegistry());

	private final ImageCache<String, String> cache = new ImageCache<>(Caffeine.newBuilder().build(), this.work);

	private final ExecutorService requests = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.requests.shutdownNow();
		this.work.destroy();
	}

	@Test
	void requestsWaitingForAnImageInTheMakingPayNothing() throws Exception {
		AtomicInteger paid = new AtomicInteger();
		AtomicInteger made = new AtomicInteger();
		CountDownLatch making = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<String> maker = this.requests.submit(() -> this.cache.get("k", paid::incrementAndGet, () -> {
			making.countDown();
			await(finish);
			made.incrementAndGet();
			return "image";
		}));
		assertThat(making.await(5, TimeUnit.SECONDS)).isTrue();
		Future<?>[] waiters = new Future<?>[5];
		for (int i = 0; i < waiters.length; i++) {
			waiters[i] = this.requests.submit(() -> this.cache.get("k", paid::incrementAndGet, () -> "again"));
		}
		finish.countDown();

		assertThat(maker.get()).isEqualTo("image");
		for (Future<?> waiter : waiters) {
			assertThat(waiter.get()).isEqualTo("image");
		}
		assertThat(paid).hasValue(1);
		assertThat(made).hasValue(1);
	}

	@Test
	void whenTheMakerIsRefusedItsPaymentAWaiterPaysAndMakesIt() throws Exception {
		CountDownLatch paying = new CountDownLatch(1);
		CountDownLatch refuse = new CountDownLatch(1);
		AtomicInteger paidByWaiter = new AtomicInteger();
		Future<String> refused = this.requests.submit(() -> this.cache.get("k", () -> {
			paying.countDown();
			await(refuse);
			throw new IllegalStateException("no budget");
		}, () -> "never"));
		assertThat(paying.await(5, TimeUnit.SECONDS)).isTrue();
		Future<String> waiter = this.requests
			.submit(() -> this.cache.get("k", paidByWaiter::incrementAndGet, () -> "image"));
		Thread.sleep(100);
		refuse.countDown();

		assertThatThrownBy(refused::get).hasCauseInstanceOf(IllegalStateException.class);
		assertThat(waiter.get()).isEqualTo("image");
		assertThat(paidByWaiter).hasValue(1);
	}

	@Test
	void requestsWaitingForAMakerThatFindsNoSlotAre503sOfTheirOwn() throws Exception {
		CountDownLatch busy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<String> occupant = this.requests.submit(() -> this.work.run(() -> {
			busy.countDown();
			await(release);
			return "other";
		}));
		assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
		AtomicInteger paid = new AtomicInteger();
		Future<String> maker = this.requests.submit(() -> this.cache.get("k", paid::incrementAndGet, () -> "image"));
		Thread.sleep(100);
		Future<String> waiter = this.requests.submit(() -> this.cache.get("k", paid::incrementAndGet, () -> "image"));

		Throwable makers = catchCause(maker);
		Throwable waiters = catchCause(waiter);
		release.countDown();
		occupant.get();

		assertThat(makers).isInstanceOf(ImageWorkUnavailableException.class);
		assertThat(waiters).isInstanceOf(ImageWorkUnavailableException.class).isNotSameAs(makers);
		assertThat(paid).hasValue(1);
		// once the slot is free, the next request makes it
		assertThat(this.cache.get("k", paid::incrementAndGet, () -> "image")).isEqualTo("image");
	}

	private static Throwable catchCause(Future<?> future) throws InterruptedException {
		try {
			future.get();
			return null;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return ex.getCause();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
