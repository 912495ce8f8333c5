package dev.facecard.shared.cache;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
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
		return registry -> owners.forEach(owner -> owner.monitoredCaches().forEach((name, cache) -> {
			CaffeineCacheMetrics.monitor(registry, cache, name);
			monitorWeight(registry, cache, name);
		}));
	}

	/**
	 * Whether this instance hears every change of the others ({@link CacheTrust}): while
	 * it does not, lookups are kept for {@code facecard.cache.ttl} only and hit less.
	 */
	@Bean
	MeterBinder facecardChangesHeard(CacheTrust trust) {
		return registry -> Gauge
			.builder(CACHE_METRICS + "changes.heard", trust, heard -> heard.hearsEveryChange() ? 1 : 0)
			.description("1 while this instance hears every change of the others, so that lookups are kept for"
					+ " facecard.cache.notified-ttl; 0 otherwise")
			.register(registry);
	}

	/**
	 * The bytes a cache bounded by weight holds, and its bound: Caffeine's statistics
	 * count entries only, and an entry of these caches weighs from a few bytes to a
	 * megabyte, so only the weight tells how much heap a cache holds and how full it is.
	 */
	static void monitorWeight(MeterRegistry registry, Cache<?, ?> cache, String name) {
		cache.policy().eviction().filter(Policy.Eviction::isWeighted).ifPresent(eviction -> {
			Gauge.builder(CACHE_METRICS + "weight", eviction, weighted -> weighted.weightedSize().orElse(0))
				.description("The weight the cache holds: its entries' bytes")
				.baseUnit(BaseUnits.BYTES)
				.tag("cache", name)
				.register(registry);
			Gauge.builder(CACHE_METRICS + "weight.max", eviction, Policy.Eviction::getMaximum)
				.description("The weight past which the cache evicts")
				.baseUnit(BaseUnits.BYTES)
				.tag("cache", name)
				.register(registry);
		});
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
