package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
