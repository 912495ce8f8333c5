package dev.facecard.shared.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheWeightMetricsTest {

	@Test
	void aCacheBoundedByWeightPublishesTheBytesItHoldsAndItsBound() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Cache<String, byte[]> cache = Caffeine.newBuilder()
			.maximumWeight(10_000)
			.weigher((String key, byte[] value) -> value.length)
			.executor(Runnable::run)
			.build();
		CacheMetricsConfiguration.monitorWeight(registry, cache, "images");

		cache.put("a", new byte[1200]);
		cache.put("b", new byte[300]);

		assertThat(registry.get("cache.weight").tag("cache", "images").gauge().value()).isEqualTo(1500);
		assertThat(registry.get("cache.weight.max").tag("cache", "images").gauge().value()).isEqualTo(10_000);
		cache.invalidate("a");
		assertThat(registry.get("cache.weight").tag("cache", "images").gauge().value()).isEqualTo(300);
	}

	@Test
	void aCacheBoundedByEntriesPublishesNoWeight() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10).build();
		CacheMetricsConfiguration.monitorWeight(registry, cache, "names");

		assertThat(registry.find("cache.weight").gauges()).isEmpty();
	}

}
