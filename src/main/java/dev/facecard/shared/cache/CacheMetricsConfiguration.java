package dev.facecard.shared.cache;

import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Facecard's own metrics live under {@code facecard.}; this puts the cache metrics there
 * too.
 */
@Configuration(proxyBeanMethods = false)
class CacheMetricsConfiguration {

	private static final String CACHE_METRICS = "cache.";

	@Bean
	MeterBinder facecardCacheMetrics(List<MonitoredCaches> owners) {
		return registry -> owners.forEach(owner -> owner.monitoredCaches()
			.forEach((name, cache) -> CaffeineCacheMetrics.monitor(registry, cache, name)));
	}

	/**
	 * Micrometer names Caffeine's statistics {@code cache.*}: ours become
	 * {@code facecard.cache.*}.
	 */
	@Bean
	MeterFilter facecardCacheMetricNames() {
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				return id.getName().startsWith(CACHE_METRICS) ? id.withName("facecard." + id.getName()) : id;
			}

		};
	}

}
