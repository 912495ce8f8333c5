package dev.facecard.shared.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import dev.facecard.shared.config.FacecardProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.catalina.core.StandardHost;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The shared part of the web layer: the filters every request passes, in the order
 * {@link FilterOrder} declares, what Spring Boot would add to every request that no
 * request uses (left out: {@code RequestPathTest}), and what Facecard changes in the
 * embedded Tomcat (answers to requests it refuses itself, slow clients).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** Before Actuator's endpoint mapping (-100). */
	static final int APPLICATION_MAPPINGS_ORDER = -200;

	/**
	 * Also on the error dispatch Tomcat starts for a request it refused before any filter
	 * ran.
	 */
	@Bean
	FilterRegistrationBean<RequestTelemetryFilter> requestTelemetryFilter(MeterRegistry meters) {
		return register(new RequestTelemetryFilter(meters), FilterOrder.REQUEST_TELEMETRY, true);
	}

	/**
	 * Writes the access-log lines still queued once the server has stopped: beans are
	 * destroyed after the graceful shutdown, before logging stops.
	 */
	@Bean
	DisposableBean accessLogDrain() {
		return AccessLog::drain;
	}

	@Bean
	FilterRegistrationBean<UsableCharsetFilter> usableCharsetFilter() {
		return register(new UsableCharsetFilter(), FilterOrder.USABLE_CHARSET, true);
	}

	@Bean
	FilterRegistrationBean<ResponseHeadersFilter> responseHeadersFilter() {
		return register(new ResponseHeadersFilter(), FilterOrder.RESPONSE_HEADERS, true);
	}

	@Bean
	FilterRegistrationBean<AmbiguousPathFilter> ambiguousPathFilter(JsonMapper json) {
		return register(new AmbiguousPathFilter(json), FilterOrder.AMBIGUOUS_PATHS, false);
	}

	@Bean
	FilterRegistrationBean<ApiCorsFilter> apiCorsFilter(FacecardProperties properties, JsonMapper json) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.cors().allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_NONE_MATCH));
		cors.setExposedHeaders(List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
				HttpHeaders.RETRY_AFTER, HttpHeaders.ETAG));
		cors.setAllowCredentials(false);
		FilterRegistrationBean<ApiCorsFilter> registration = register(new ApiCorsFilter(cors, json), FilterOrder.CORS,
				false);
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	/**
	 * Spring Boot's {@link RequestContextFilter} stays out of the chain (a registration
	 * of its type, disabled, keeps Spring Boot from adding its own): it binds the request
	 * to the thread for code running in filters, and none of Facecard's needs that
	 * ({@code DispatcherServlet} binds it again for controllers and the error dispatch).
	 * It cost every request about 1.5% (bench/RESULTS.md).
	 */
	@Bean
	FilterRegistrationBean<RequestContextFilter> requestContextFilterOff() {
		return notRegistered(new RequestContextFilter());
	}

	/**
	 * Spring's per-request observation filter stays out of the chain too: requests are
	 * timed by {@link RequestTelemetryFilter}, under the same name and tags. With its
	 * observation on it cost the avatar path about 10%, off still about 1%
	 * (bench/RESULTS.md).
	 */
	@Bean
	FilterRegistrationBean<ServerHttpObservationFilter> observationFilterOff() {
		return notRegistered(new ServerHttpObservationFilter(ObservationRegistry.NOOP));
	}

	/** {@code Accept} as {@link LenientAcceptNegotiation} reads it, for every answer. */
	@Bean
	WebMvcConfigurer lenientAccept() {
		return new WebMvcConfigurer() {
			@Override
			public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
				configurer.strategies(List.of(new LenientAcceptNegotiation()));
			}
		};
	}

	/**
	 * Facecard's controllers in a mapping that tests a path only against the routes of
	 * its first segment ({@link SegmentIndexedMappings}).
	 */
	@Bean
	WebMvcRegistrations segmentIndexedMappings() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new SegmentIndexedMappings();
			}
		};
	}

	/**
	 * Facecard's controllers are asked first: Actuator's endpoint mapping comes before
	 * them otherwise (order -100) and failed a scan of its mappings on every API request
	 * before the application's found its handler by the path alone.
	 */
	@Bean
	static BeanPostProcessor applicationMappingsFirst() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if ("requestMappingHandlerMapping".equals(beanName)
						&& bean instanceof RequestMappingHandlerMapping mapping) {
					mapping.setOrder(APPLICATION_MAPPINGS_ORDER);
				}
				return bean;
			}
		};
	}

	/**
	 * Requests Tomcat refuses itself are answered in the path's JSON format too, never
	 * with an HTML page.
	 */
	@Bean
	TomcatContextCustomizer jsonErrorReports() {
		return context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			}
		};
	}

	/**
	 * Tomcat's connector with the deadlines of slow clients
	 * ({@link ConnectionDeadlines}). The registry is looked up at the first close: a web
	 * server customizer runs before meters are set up.
	 */
	@Bean
	ConnectionDeadlines connectionDeadlines(FacecardProperties properties, ObjectProvider<MeterRegistry> meters) {
		return new ConnectionDeadlines(properties.deadlines(),
				missed -> Counter.builder("facecard.connections.deadline.closed")
					.description("Connections closed because a client was too slow, by the deadline it missed")
					.tag("deadline", missed.name().toLowerCase(Locale.ROOT))
					.register(meters.getObject())
					.increment());
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatConnector(ConnectionDeadlines deadlines,
			FacecardProperties properties, ObjectProvider<MeterRegistry> meters, Environment environment) {
		int writeBuffer = Math.toIntExact(properties.connections().writeBuffer().toBytes());
		int maxConnections = maxConnections(environment, properties, Runtime.getRuntime().maxMemory());
		return factory -> {
			factory.setProtocol(SlowClientProtocol.class.getName());
			factory.addConnectorCustomizers(connector -> {
				if (connector.getProtocolHandler() instanceof SlowClientProtocol protocol) {
					protocol.enforce(deadlines);
					// a body refused unread (an upload over the limit, a
					// 401) is read and dropped up to this size so that the
					// client, still sending, reads the answer; beyond it the
					// connection is closed mid-body and most clients see a
					// reset instead of the 413
					protocol.setMaxSwallowSize(refusedBodySwallowBytes(properties));
					// "Expect: 100-continue" (curl sends it for bodies over 1 MiB) is
					// answered only once the body is read: a refusal by its headers costs
					// the client no upload
					protocol.setContinueResponseTiming("onRead");
					// Tomcat's 8 KB cut a typical avatar into three
					// writes, each waking the client; every open
					// connection holds this buffer (README, Hostile input)
					protocol.writeBuffer(writeBuffer);
					protocol.setMaxConnections(maxConnections);
					Gauge.builder("facecard.connections.open", protocol, SlowClientProtocol::openConnections)
						.description("Connections open now, idle or not; each holds Tomcat's buffers")
						.register(meters.getObject());
					Gauge.builder("facecard.connections.max", protocol, SlowClientProtocol::getMaxConnections)
						.description("Most connections open at once (server.tomcat.max-connections, else what the"
								+ " heap holds); more wait in the accept queue")
						.register(meters.getObject());
				}
			});
			factory.addEngineValves(deadlines.valve(), HeaderBytes.valve());
		};
	}

	/**
	 * {@code server.tomcat.max-connections} when set; else as many connections as a heap
	 * of {@code maxHeapBytes} holds ({@link ConnectionBudget}), not Tomcat's 8,192.
	 */
	static int maxConnections(Environment environment, FacecardProperties properties, long maxHeapBytes) {
		return Binder.get(environment)
			.bind("server.tomcat.max-connections", Integer.class)
			.orElseGet(() -> ConnectionBudget.maxOpen(maxHeapBytes, properties.cache().boundedBytes(),
					Math.toIntExact(properties.connections().writeBuffer().toBytes())));
	}

	/**
	 * The largest upload plus room for a part-written one; Tomcat's own default (2 MiB)
	 * is below the default upload limit.
	 */
	static int refusedBodySwallowBytes(FacecardProperties properties) {
		long bytes = properties.avatar().maxUploadSize().toBytes() + 1024 * 1024;
		return (int) Math.min(Integer.MAX_VALUE, Math.max(2 * 1024 * 1024, bytes));
	}

	private static <F extends Filter> FilterRegistrationBean<F> notRegistered(F filter) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * A filter of the chain at {@code order}; on the error dispatch too when
	 * {@code onErrors} (requests Tomcat refused reach the filters only as one).
	 * Facecard's filters are plain {@link jakarta.servlet.http.HttpFilter}s, run once per
	 * dispatch they are registered for: Spring's {@code OncePerRequestFilter} guards
	 * against running twice in nested dispatches, which Facecard has none of, with three
	 * request-attribute calls a filter, about 3% of a cached avatar's CPU
	 * (bench/RESULTS.md, Notes).
	 */
	private static <F extends Filter> FilterRegistrationBean<F> register(F filter, int order, boolean onErrors) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		registration.setDispatcherTypes(onErrors ? EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR)
				: EnumSet.of(DispatcherType.REQUEST));
		return registration;
	}

}
