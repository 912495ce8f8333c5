package dev.facecard.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Kubernetes (its service variables set, which Spring Boot takes as "behind a proxy"
 * unless told otherwise) Facecard still trusts no forwarded header: a rotating
 * {@code X-Forwarded-For} gets no fresh budget, {@code X-Forwarded-Host} never reaches an
 * avatar URL, and a client's own {@code X-Request-Id} (whatever it chose: a phone number,
 * a key) never becomes the id its log lines carry.
 */
@ContextConfiguration(initializers = ForwardedHeadersTest.OnKubernetes.class)
@TestPropertySource(properties = "facecard.rate-limit.anonymous.limit=3")
class ForwardedHeadersTest extends IntegrationTest {

	@Autowired
	private Environment environment;

	@Test
	void theServiceBelievesItRunsOnKubernetes() {
		assertThat(CloudPlatform.getActive(this.environment)).isEqualTo(CloudPlatform.KUBERNETES);
	}

	@Test
	void aRotatingXForwardedForGetsNoFreshBudget() {
		String target = newUser(newApp(), "target", null).get("userId").stringValue();
		byte[] body = ("{\"userId\":\"" + target + "\"}").getBytes(StandardCharsets.UTF_8);
		int refused = 0;
		for (int i = 1; i <= 5; i++) {
			Response response = this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type",
					"application/json", "X-Forwarded-For", "10.1.2." + i, "X-Real-IP", "10.1.3." + i);
			refused += (response.status() == 429) ? 1 : 0;
		}
		assertThat(refused).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aClientsOwnRequestIdIsNeverKept() {
		byte[] body = "{\"userId\":\"nobody\"}".getBytes(StandardCharsets.UTF_8);
		for (String chosen : List.of("13987654321", "fc_" + "A".repeat(43), "lb-7f3a.42:1")) {
			Response profile = this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type",
					"application/json", "X-Request-Id", chosen, "X-Forwarded-For", "10.1.4.1");
			Response adminCall = this.http.get("/admin/users/nobody", "Authorization", "Bearer " + ADMIN_TOKEN,
					"X-Request-Id", chosen);
			Response refused = this.http.get("/no/such/page", "X-Request-Id", chosen);
			for (Response answer : List.of(profile, adminCall, refused)) {
				assertThat(answer.header("X-Request-Id")).as(chosen).matches("[0-9a-f]{16}");
			}
		}
	}

	@Test
	void xForwardedHostNeverReachesAnAvatarUrl() {
		String appid = newApp();
		String userId = newUser(appid, "13800138000", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(16, 16, 3), "png"));

		// with a key: its own budget, whatever the anonymous one of this host has left
		String token = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		Response card = this.http.get("/api/get-public-user-profile?userId=" + userId, "Authorization",
				"Bearer " + token, "X-Forwarded-Host", "evil.example:666", "X-Forwarded-Proto", "https",
				"X-Forwarded-For", "10.9.9.9");
		Response upload = uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(16, 16, 4), "png"));

		assertThat(card.json().get("avatarUrl").stringValue()).startsWith("http://localhost:").doesNotContain("evil");
		assertThat(upload.json().get("avatarUrl").stringValue()).doesNotContain("evil");
	}

	/**
	 * Adds the variables Kubernetes sets in every container to the process environment
	 * Spring Boot reads.
	 */
	static class OnKubernetes implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			ConfigurableEnvironment environment = context.getEnvironment();
			Map<String, Object> variables = new HashMap<>(environment.getSystemEnvironment());
			variables.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
			variables.put("KUBERNETES_SERVICE_PORT", "443");
			environment.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables));
		}

	}

}
