package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.shared.config.FacecardProperties;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LookupCacheTest {

	static final Duration TTL = Duration.ofSeconds(5);

	static final Duration NOTIFIED_TTL = Duration.ofMinutes(10);

	/** Also {@link CoalescingLookupCacheTest}'s. */
	static final FacecardProperties.Cache SETTINGS = new FacecardProperties.Cache(TTL, 100, DataSize.ofMegabytes(1),
			DataSize.ofMegabytes(1), 10, DataSize.ofMegabytes(1), Duration.ofSeconds(1), NOTIFIED_TTL,
			Duration.ofSeconds(1));

	/** Never hears changes of other instances, as without PostgreSQL. */
	private static final CacheTrust DEAF = new CacheTrust(TTL, System::nanoTime);

	/** The clock of {@link #trust}'s confirmations. */
	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final CacheTrust trust = new CacheTrust(TTL, this.nanos::get);

	@Test
	void foundAndNotFoundAreBothCached() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, true);

		assertThat(cache.get("a", key -> "A")).contains("A");
		assertThat(cache.get("b", key -> null)).isEmpty();

		assertThat(cache.getIfPresent("a")).contains("A");
		assertThat(cache.getIfPresent("b")).isEmpty();
		assertThat(cache.getIfPresent("c")).isNull();
		assertThat(cache.found().estimatedSize()).isEqualTo(1);
		assertThat(cache.notFound().estimatedSize()).isEqualTo(1);
	}

	@Test
	void aLookupsTtlCountsFromWhenItsLoadBeganAndOneLoadedForLongerIsAnsweredButNotKept() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, true);

		assertThat(cache.getAll(List.of("a", "b"), missing -> {
			sleep(Duration.ofSeconds(1));
			return Map.of("a", "A");
		})).containsEntry("a", Optional.of("A")).containsEntry("b", Optional.empty());

		assertThat(left(cache.found(), "a")).isPositive().isLessThanOrEqualTo(TTL.minusSeconds(1));
		assertThat(left(cache.notFound(), "b")).isPositive().isLessThanOrEqualTo(TTL.minusSeconds(1));

		LookupCache<String, String> oneSecond = LookupCache.of(settingsWithTtl(Duration.ofSeconds(1)), DEAF, true);
		assertThat(oneSecond.get("c", key -> {
			sleep(Duration.ofMillis(1100));
			return "C";
		})).contains("C");
		assertThat(oneSecond.getIfPresent("c")).isNull();
		assertThat(oneSecond.found().estimatedSize()).isZero();
	}

	@Test
	void notFoundIsNotKeptWhenAskedNotTo() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, false);

		assertThat(cache.get("b", key -> null)).isEmpty();

		assertThat(cache.getIfPresent("b")).isNull();
	}

	@Test
	void anInvalidationDuringALoadIsNotUndoneByIt() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, true);

		Optional<String> loaded = cache.get("a", key -> {
			cache.invalidate("a"); // a write committed while the old value was being read
			return "old";
		});

		assertThat(loaded).contains("old"); // answered,
		assertThat(cache.getIfPresent("a")).isNull(); // not kept
	}

	@Test
	void anInvalidationDuringABulkLoadIsNotUndoneByItButOtherKeysAreKept() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, true);

		Map<String, Optional<String>> loaded = cache.getAll(List.of("a", "b", "c"), missing -> {
			assertThat(missing).isEqualTo(Set.of("a", "b", "c"));
			cache.invalidate("b");
			return Map.of("a", "A", "b", "old");
		});

		assertThat(loaded).containsEntry("a", Optional.of("A"))
			.containsEntry("b", Optional.of("old"))
			.containsEntry("c", Optional.empty());
		assertThat(cache.getIfPresent("a")).contains("A");
		assertThat(cache.getIfPresent("b")).isNull();
		assertThat(cache.getIfPresent("c")).isEmpty();
	}

	@Test
	void invalidatingEverythingDuringALoadIsNotUndoneByIt() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, false);
		cache.get("x", key -> "owner-1");

		Optional<String> loaded = cache.get("y", key -> {
			cache.invalidateAll();
			return "owner-1";
		});

		assertThat(loaded).contains("owner-1");
		assertThat(cache.getIfPresent("x")).isNull();
		assertThat(cache.getIfPresent("y")).isNull();
	}

	@Test
	void cachedAnswersNeedNoLoad() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, true);
		cache.get("a", key -> "A");
		cache.get("b", key -> null);

		Map<String, Optional<String>> answers = cache.getAll(List.of("a", "b"), missing -> {
			throw new AssertionError("nothing to load");
		});

		assertThat(answers).containsEntry("a", Optional.of("A")).containsEntry("b", Optional.empty());
	}

	@Test
	void aWeighedCacheHoldsAsManyValuesAsItsBytesAllow() {
		LookupCache<String, String> cache = LookupCache.weighed(SETTINGS, DEAF, DataSize.ofBytes(10_000),
				(key, value) -> value.length(), value -> true, true);

		for (int i = 0; i < 100; i++) {
			cache.get("small-" + i, key -> "x".repeat(50));
		}
		cache.found().cleanUp();
		assertThat(cache.found().estimatedSize()).isEqualTo(100);

		for (int i = 0; i < 100; i++) {
			cache.get("large-" + i, key -> "x".repeat(1_000));
		}
		cache.found().cleanUp();
		assertThat(cache.found().estimatedSize()).isLessThanOrEqualTo(10);
	}

	@Test
	void withoutHearingChangesLookupsAreKeptForTheTtl() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, DEAF, true);
		cache.get("a", key -> "A");
		cache.get("b", key -> null);

		assertExpiresAfter(cache.found(), "a", TTL);
		assertExpiresAfter(cache.notFound(), "b", TTL);
	}

	@Test
	void lookupsLoadedWhileChangesAreHeardAreKeptForTheNotifiedTtl() {
		LookupCache<String, String> cache = LookupCache.weighed(SETTINGS, this.trust, DataSize.ofMegabytes(1),
				(key, value) -> value.length(), value -> true, true);
		listenAndConfirm();
		cache.get("a", key -> "A");
		cache.get("b", key -> null);

		assertExpiresAfter(cache.found(), "a", NOTIFIED_TTL);
		assertExpiresAfter(cache.notFound(), "b", NOTIFIED_TTL);
		assertThat(cache.getIfPresent("a")).contains("A");
		assertThat(cache.getIfPresent("b")).isEmpty();
	}

	@Test
	void aLastingLookupIsServedOnlyWhileConfirmationsKeepComing() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, this.trust, true);
		listenAndConfirm();
		cache.get("a", key -> "A");

		// the last confirmation was sent just under half the TTL ago
		this.nanos.addAndGet(TTL.toNanos() / 2 - 1);
		assertThat(cache.getIfPresent("a")).contains("A");
		// half the TTL: a change made through another instance since may be unheard
		this.nanos.addAndGet(1);
		assertThat(cache.getIfPresent("a")).isNull();
		// the same listening session confirms again: nothing it heard evicted the entry
		this.trust.confirmed(this.nanos.get());
		assertThat(cache.getIfPresent("a")).contains("A");
	}

	@Test
	void aLostConnectionEndsALastingLookupWhereASilentOneWouldAndWhatIsLoadedAfterIsKeptForTheTtl() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, this.trust, true);
		listenAndConfirm();
		cache.get("a", key -> "A");
		this.nanos.addAndGet(TTL.toNanos() / 4);

		this.trust.lost();

		// an outage that refuses connections serves what is cached as a silent one does
		assertThat(this.trust.hearsEveryChange()).isFalse();
		assertThat(cache.getIfPresent("a")).contains("A");
		cache.get("b", key -> "B");
		assertExpiresAfter(cache.found(), "b", TTL);
		// half the TTL after the last confirmation, as in
		// aLastingLookupIsServedOnlyWhileConfirmationsKeepComing
		this.nanos.addAndGet(TTL.toNanos() / 4 - 1);
		assertThat(cache.getIfPresent("a")).contains("A");
		this.nanos.addAndGet(1);
		assertThat(cache.getIfPresent("a")).isNull();
		assertThat(cache.getIfPresent("b")).contains("B");
	}

	@Test
	void aLookupLoadedWithoutHearingChangesIsServedForTheTtlWhateverTheConfirmations() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, this.trust, true);
		cache.get("a", key -> "A");

		this.nanos.addAndGet(TTL.toNanos());

		assertThat(cache.getIfPresent("a")).contains("A");
		assertExpiresAfter(cache.found(), "a", TTL);
	}

	@Test
	void nothingLoadedBeforeALostConnectionIsServedAfterItComesBack() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, this.trust, true);
		listenAndConfirm();
		cache.get("lasting", key -> "A");
		this.trust.lost();
		cache.get("short", key -> "B"); // loaded while nothing was heard

		listenAndConfirm();

		assertThat(cache.getIfPresent("lasting")).isNull();
		assertThat(cache.getIfPresent("short")).isNull();
	}

	@Test
	void aLossOfHearingDuringALoadIsNotUndoneByIt() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, this.trust, true);
		listenAndConfirm();

		cache.get("a", key -> {
			// the connection drops and comes back while the old value is read
			this.trust.lost();
			this.trust.listening();
			this.trust.confirmed(this.nanos.get());
			return "old";
		});

		assertThat(cache.getIfPresent("a")).isNull();
	}

	@Test
	void aChangeThatCannotBeNamedDropsEveryLookup() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, this.trust, true);
		listenAndConfirm();
		cache.get("a", key -> "A");
		cache.get("b", key -> null);

		this.trust.changedUnheard();

		assertThat(cache.getIfPresent("a")).isNull();
		assertThat(cache.getIfPresent("b")).isNull();
		assertThat(this.trust.hearsEveryChange()).isTrue();
	}

	@Test
	void aValueThatChangedWithTimeIsLoadedAgain() {
		AtomicLong now = new AtomicLong();
		LookupCache<String, Long> cache = LookupCache.weighed(SETTINGS, DEAF, DataSize.ofMegabytes(1),
				(key, value) -> 8, changesAt -> now.get() < changesAt, true);
		cache.get("member", key -> 10L);

		now.set(9);
		assertThat(cache.getIfPresent("member")).contains(10L);
		now.set(10);
		assertThat(cache.getIfPresent("member")).isNull();
		assertThat(cache.get("member", key -> 20L)).contains(20L);
		assertThat(cache.getIfPresent("member")).contains(20L);
	}

	@Test
	void withATtlOfZeroNothingIsKeptEvenWhileChangesAreHeard() {
		CacheTrust trust = new CacheTrust(Duration.ZERO, this.nanos::get);
		trust.listening();
		trust.confirmed(this.nanos.get());
		assertThat(trust.hearsEveryChange()).isFalse();
	}

	@Test
	void lookupsAreNeverKeptShorterWhileChangesAreHeard() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FacecardProperties.Cache(TTL, 100, DataSize.ofMegabytes(1), DataSize.ofMegabytes(1),
					10, DataSize.ofMegabytes(1), Duration.ofSeconds(1), TTL.minusMillis(1), Duration.ofSeconds(1)))
			.withMessageContaining("notified-ttl");
	}

	/** A listening session begins and makes its first round trip now. */
	private void listenAndConfirm() {
		this.trust.listening();
		this.trust.confirmed(this.nanos.get());
	}

	/** {@link #SETTINGS} with another {@code facecard.cache.ttl}. */
	static FacecardProperties.Cache settingsWithTtl(Duration ttl) {
		return new FacecardProperties.Cache(ttl, SETTINGS.maxEntries(), SETTINGS.avatarBytes(),
				SETTINGS.avatarVariantBytes(), SETTINGS.maxNotFoundEntries(), SETTINGS.profileCardBytes(),
				SETTINGS.profileMissWait(), SETTINGS.notifiedTtl(), SETTINGS.lookupWait());
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What is left of an entry's time in {@code cache}. */
	private static Duration left(Cache<String, ?> cache, String key) {
		return Duration.ofNanos(
				cache.policy().expireVariably().orElseThrow().getExpiresAfter(key, TimeUnit.NANOSECONDS).orElseThrow());
	}

	/** The entry was given {@code ttl} (Caffeine reports what is left of it). */
	private static void assertExpiresAfter(Cache<String, ?> cache, String key, Duration ttl) {
		Duration left = Duration.ofNanos(
				cache.policy().expireVariably().orElseThrow().getExpiresAfter(key, TimeUnit.NANOSECONDS).orElseThrow());
		assertThat(left).isBetween(ttl.minusSeconds(1), ttl);
	}

}
