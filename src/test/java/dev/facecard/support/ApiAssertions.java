package dev.facecard.support;

import dev.facecard.support.TestHttp.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The two error formats of the API, asserted the same way everywhere. */
public final class ApiAssertions {

	private ApiAssertions() {
	}

	/**
	 * RFC 9457 problem details with {@code status}, and nothing of the inside
	 * (exceptions, SQL, libraries).
	 */
	public static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.get("type").stringValue()).isEqualTo("about:blank");
		assertThat(body.get("status").intValue()).isEqualTo(status);
		assertThat(body.get("title").stringValue()).isNotBlank();
		assertThat(body.get("detail").stringValue()).isNotBlank();
		assertThat(response.text()).doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("at dev.")
			.doesNotContain("SQL")
			.doesNotContain("select ")
			.doesNotContain("jackson")
			.doesNotContain("javax.");
	}

	/** The nobase contract's error: exactly {@code code} and {@code msg}. */
	public static void assertSeedError(Response response, int status, int code, String msg) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		JsonNode body = response.json();
		assertThat(body.propertyNames()).containsExactly("code", "msg");
		assertThat(body.get("code").intValue()).isEqualTo(code);
		assertThat(body.get("msg").stringValue()).isEqualTo(msg);
	}

}
