package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoalescingLookupCacheTest {

	private static final Duration TTL = LookupCacheTest.TTL;

	private static final Duration NOTIFIED_TTL = LookupCacheTest.NOTIFIED_TTL;

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final CacheTrust trust = new CacheTrust(TTL, this.nanos::get);

	private final CoalescingLookupCache<String, String> cache = new CoalescingLookupCache<>(LookupCacheTest.SETTINGS,
			this.trust);

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void withoutHearingChangesALookupIsKeptForTheTtl() {
		assertThat(get("a")).isEqualTo("a1");
		assertThat(get("a")).isEqualTo("a1");

		assertThat(this.loads).hasValue(1);
		assertThat(expiresAfter("a")).isBetween(TTL.minusSeconds(1), TTL);
	}

	@Test
	void aLookupsTtlCountsFromWhenItsLoadBeganAndOneLoadedForLongerIsAnsweredButNotKept() {
		assertThat(this.cache.get("a", slowly(Duration.ofSeconds(1)))).isEqualTo("a1");

		assertThat(expiresAfter("a")).isPositive().isLessThanOrEqualTo(TTL.minusSeconds(1));

		CoalescingLookupCache<String, String> oneSecond = new CoalescingLookupCache<>(
				LookupCacheTest.settingsWithTtl(Duration.ofSeconds(1)), this.trust);
		assertThat(oneSecond.get("b", slowly(Duration.ofMillis(1100)))).isEqualTo("b2");
		assertThat(oneSecond.cache().asMap()).isEmpty();
		assertThat(oneSecond.get("b", missing -> missing + this.loads.incrementAndGet())).isEqualTo("b3");
	}

	@Test
	void whatRunsBeforeALoadRunsOnlyWhenNoCurrentValueIsCachedAndWhatItThrowsLeavesTheCacheAlone() {
		AtomicInteger before = new AtomicInteger();
		Runnable refuse = () -> {
			before.incrementAndGet();
			throw new IllegalStateException("no budget");
		};
		assertThatIllegalStateException()
			.isThrownBy(() -> this.cache.get("a", missing -> missing + this.loads.incrementAndGet(), refuse));
		assertThat(this.loads).hasValue(0);
		assertThat(this.cache.cache().asMap()).isEmpty();

		Runnable count = before::incrementAndGet;
		assertThat(this.cache.get("a", missing -> missing + this.loads.incrementAndGet(), count)).isEqualTo("a1");
		assertThat(this.cache.get("a", missing -> missing + this.loads.incrementAndGet(), count)).isEqualTo("a1");
		assertThat(before).hasValue(2);
		// each lookup counts once in the cache's statistics (a miss, then a hit answered
		// from the map view), the refused one not at all
		assertThat(this.cache.cache().stats().missCount()).isOne();
		assertThat(this.cache.cache().stats().hitCount()).isOne();

		// cached, but no longer current (a change went unheard): a load follows again
		this.trust.changedUnheard();
		assertThat(this.cache.get("a", missing -> missing + this.loads.incrementAndGet(), count)).isEqualTo("a2");
		assertThat(before).hasValue(3);
		// a miss, not a hit as well
		assertThat(this.cache.cache().stats().missCount()).isEqualTo(2);
		assertThat(this.cache.cache().stats().hitCount()).isOne();
	}

	@Test
	void aLookupLoadedWhileChangesAreHeardIsKeptForTheNotifiedTtlAndServedWhileTheyStillAre() {
		listenAndConfirm();
		assertThat(get("a")).isEqualTo("a1");
		assertThat(expiresAfter("a")).isBetween(NOTIFIED_TTL.minusSeconds(1), NOTIFIED_TTL);

		this.nanos.addAndGet(TTL.toNanos() / 2 - 1);
		assertThat(get("a")).isEqualTo("a1");
		// no confirmation for half the TTL: loaded again, and kept for the TTL only
		this.nanos.addAndGet(1);
		assertThat(get("a")).isEqualTo("a2");
		assertThat(expiresAfter("a")).isBetween(TTL.minusSeconds(1), TTL);
	}

	@Test
	void nothingLoadedBeforeALostConnectionIsServedAfterItComesBack() {
		listenAndConfirm();
		assertThat(get("a")).isEqualTo("a1");

		this.trust.lost();
		listenAndConfirm();

		assertThat(get("a")).isEqualTo("a2");
		assertThat(get("a")).isEqualTo("a2");
		// the retired lookup counted as a miss only
		assertThat(this.cache.cache().stats().missCount()).isEqualTo(2);
		assertThat(this.cache.cache().stats().hitCount()).isOne();
	}

	@Test
	void aLossOfHearingDuringALoadIsNotUndoneByIt() {
		listenAndConfirm();
		assertThat(this.cache.get("a", key -> {
			this.trust.lost();
			listenAndConfirm();
			return "old";
		})).isEqualTo("old");

		assertThat(get("a")).isEqualTo("a1");
	}

	@Test
	void anInvalidatedLookupIsLoadedAgain() {
		listenAndConfirm();
		assertThat(get("a")).isEqualTo("a1");

		this.cache.invalidate("a");

		assertThat(get("a")).isEqualTo("a2");
	}

	@Test
	void aSlowLoadHoldsUpNoOtherKey() throws Exception {
		// two keys in one bin of the map under the cache (their hash codes, spread as
		// ConcurrentHashMap spreads them, agree in the low 20 bits): a load run inside
		// the map's compute would hold the other key up until it ended
		CoalescingLookupCache<Integer, String> ints = new CoalescingLookupCache<>(LookupCacheTest.SETTINGS, this.trust);
		int sameBin = (1 << 20) | (1 << 4);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			Future<String> slow = callers.submit(() -> ints.get(0, key -> {
				loading.countDown();
				await(release);
				return "slow";
			}));
			assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

			Future<String> other = callers.submit(() -> ints.get(sameBin, key -> "other"));

			assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("other");
			assertThat(slow.isDone()).isFalse();
			release.countDown();
			assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
		}
		finally {
			release.countDown();
			callers.shutdownNow();
		}
	}

	@Test
	void missesOfOneKeyShareOneLoadAndAFailedLoadFailsThemAllAndIsNotKept() throws Exception {
		// Caffeine logs (through the platform logger) a load whose future fails, whole
		List<LogRecord> caffeineLog = new CopyOnWriteArrayList<>();
		Logger caffeine = Logger.getLogger("com.github.benmanes.caffeine");
		Handler collect = new Handler() {

			@Override
			public void publish(LogRecord logged) {
				caffeineLog.add(logged);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		caffeine.addHandler(collect);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			Future<String> first = callers.submit(() -> this.cache.get("a", key -> {
				loading.countDown();
				await(release);
				throw new IllegalStateException("the database failed");
			}));
			assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
			// finds the load under way (a hit), and waits for it instead of loading
			Future<String> second = callers.submit(() -> get("a"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.cache.cache().stats().hitCount() == 0 && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(this.cache.cache().stats().hitCount()).isOne();
			release.countDown();

			assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
			assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
			assertThat(this.loads).hasValue(0);
			assertThat(get("a")).isEqualTo("a1");
			assertThat(caffeineLog).isEmpty();
		}
		finally {
			caffeine.removeHandler(collect);
			release.countDown();
			callers.shutdownNow();
		}
	}

	@Test
	void aLoadInFlightWhenItsKeyIsInvalidatedAnswersItsCallerAndIsNotKept() throws Exception {
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(1);
		try {
			Future<String> inFlight = callers.submit(() -> this.cache.get("a", key -> {
				loading.countDown();
				await(release);
				return "before the change";
			}));
			assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

			this.cache.invalidate("a");
			release.countDown();

			assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("before the change");
			assertThat(get("a")).isEqualTo("a1");
		}
		finally {
			release.countDown();
			callers.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A load that takes {@code duration}. */
	private Function<String, String> slowly(Duration duration) {
		return missing -> {
			LookupCacheTest.sleep(duration);
			return missing + this.loads.incrementAndGet();
		};
	}

	private String get(String key) {
		return this.cache.get(key, missing -> missing + this.loads.incrementAndGet());
	}

	private void listenAndConfirm() {
		this.trust.listening();
		this.trust.confirmed(this.nanos.get());
	}

	private Duration expiresAfter(String key) {
		return Duration.ofNanos(this.cache.cache()
			.policy()
			.expireVariably()
			.orElseThrow()
			.getExpiresAfter(key, TimeUnit.NANOSECONDS)
			.orElseThrow());
	}

}
