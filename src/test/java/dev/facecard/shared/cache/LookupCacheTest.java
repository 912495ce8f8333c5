package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.facecard.shared.cache.LookupCache;
import dev.facecard.shared.config.FacecardProperties;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class LookupCacheTest {

	private static final FacecardProperties.Cache SETTINGS = new FacecardProperties.Cache(Duration.ofSeconds(5), 100,
			DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), 10, DataSize.ofMegabytes(1), Duration.ofSeconds(1));

	@Test
	void foundAndNotFoundAreBothCached() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, true);

		assertThat(cache.get("a", key -> "A")).contains("A");
		assertThat(cache.get("b", key -> null)).isEmpty();

		assertThat(cache.getIfPresent("a")).contains("A");
		assertThat(cache.getIfPresent("b")).isEmpty();
		assertThat(cache.getIfPresent("c")).isNull();
		assertThat(cache.found().estimatedSize()).isEqualTo(1);
		assertThat(cache.notFound().estimatedSize()).isEqualTo(1);
	}

	@Test
	void notFoundIsNotKeptWhenAskedNotTo() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, false);

		assertThat(cache.get("b", key -> null)).isEmpty();

		assertThat(cache.getIfPresent("b")).isNull();
	}

	@Test
	void anInvalidationDuringALoadIsNotUndoneByIt() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, true);

		Optional<String> loaded = cache.get("a", key -> {
			cache.invalidate("a"); // a write committed while the old value was being read
			return "old";
		});

		assertThat(loaded).contains("old"); // answered,
		assertThat(cache.getIfPresent("a")).isNull(); // not kept
	}

	@Test
	void anInvalidationDuringABulkLoadIsNotUndoneByItButOtherKeysAreKept() {
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, true);

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
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, false);
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
		LookupCache<String, String> cache = LookupCache.of(SETTINGS, true);
		cache.get("a", key -> "A");
		cache.get("b", key -> null);

		Map<String, Optional<String>> answers = cache.getAll(List.of("a", "b"), missing -> {
			throw new AssertionError("nothing to load");
		});

		assertThat(answers).containsEntry("a", Optional.of("A")).containsEntry("b", Optional.empty());
	}

	@Test
	void aWeighedCacheHoldsAsManyValuesAsItsBytesAllow() {
		LookupCache<String, String> cache = LookupCache.weighed(SETTINGS, DataSize.ofBytes(10_000),
				(key, value) -> value.length(), true);

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

}
