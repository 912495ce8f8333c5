package dev.facecard.shared.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request passes through before its handler: Facecard's filters and Spring's
 * character encoding, nothing that does work no one uses (WebConfiguration).
 */
class RequestPathTest extends IntegrationTest {

	@Autowired
	private ServletContext servletContext;

	@Autowired
	private DispatcherServlet dispatcherServlet;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void theFilterChainHoldsFacecardsFiltersAndNoIdleOnes() {
		List<String> filters = this.servletContext.getFilterRegistrations()
			.values()
			.stream()
			.map(FilterRegistration::getClassName)
			.map(name -> name.substring(name.lastIndexOf('.') + 1))
			.sorted()
			.toList();

		// no RequestContextFilter, ServerHttpObservationFilter or Tomcat's WsFilter
		assertThat(filters).containsExactly("AdminAuthFilter", "AdminBodyLimitFilter", "AmbiguousPathFilter",
				"ApiAccessFilter", "ApiCorsFilter", "NoStoreFilter", "OrderedCharacterEncodingFilter",
				"RequestTelemetryFilter", "ResponseHeadersFilter", "UsableCharsetFilter");
	}

	@Test
	void facecardsControllersAreAskedBeforeActuatorsEndpoints() {
		assertThat(this.http.get("/api/user/get_avatar?appid=none&user=none").status()).isEqualTo(404);
		assertThat(this.http.get("/actuator/health").status()).isEqualTo(200);

		List<HandlerMapping> mappings = this.dispatcherServlet.getHandlerMappings();
		assertThat(mappings).isNotNull();
		assertThat(mappings.get(0)).isSameAs(this.context.getBean("requestMappingHandlerMapping"));
	}

	@Test
	void noRequestHandledEventIsPublished() {
		List<ServletRequestHandledEvent> events = new CopyOnWriteArrayList<>();
		ApplicationListener<ServletRequestHandledEvent> listener = events::add;
		this.context.addApplicationListener(listener);
		try {
			// Spring would publish it before the servlet returns, and Tomcat sends this
			// small answer only once the request is done: no wait needed
			assertThat(this.http.get("/api/user/get_avatar?appid=none&user=none").status()).isEqualTo(404);
		}
		finally {
			this.context.removeApplicationListener(listener);
		}
		assertThat(events).isEmpty();
	}

	@Test
	void facecardsOwnHeadersReachTomcatAsBytes() {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) this.context).getWebServer();
		assertThat(server.getTomcat().getEngine().getPipeline().getValves())
			.anyMatch(HeaderBytes.ResponseOnRequest.class::isInstance);

		TestHttp.Response answer = this.http.get("/api/user/get_avatar?appid=none&user=none");
		assertThat(answer.headerValues("X-Request-Id")).hasSize(1);
		assertThat(answer.headerValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(answer.headerValues("Cross-Origin-Resource-Policy")).containsExactly("cross-origin");
		// no Origin: CORS' three Vary values on one line
		assertThat(answer.headerValues("Vary"))
			.containsExactly("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
	}

	@Test
	void routesWithAPathVariableAreLookedUpAmongTheirFirstSegmentsOnly() {
		assertThat(this.context.getBean("requestMappingHandlerMapping"))
			.isInstanceOfSatisfying(SegmentIndexedMappings.class, mapping -> assertThat(mapping.indexed()).isTrue());

		String hash = "0".repeat(64);
		// a route of the index: its own answer, a 404 of the nobase format (no such
		// image)
		TestHttp.Response unknown = this.http.get("/avatars/" + hash + ".jpg");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().path("code").asInt()).isEqualTo(404);
		// no route of the segment takes the method: Spring's own refusal
		assertThat(this.http.send("DELETE", "/avatars/" + hash + ".jpg", null).status()).isEqualTo(405);
	}

}
