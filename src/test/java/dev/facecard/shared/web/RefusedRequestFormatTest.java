package dev.facecard.shared.web;

import java.nio.charset.StandardCharsets;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static dev.facecard.support.ApiAssertions.assertSeedError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer is JSON in the path's format, with {@code nosniff} and a request id, also
 * when Tomcat refuses the request before any filter runs, and when the path has segments
 * Tomcat and Spring MVC would read differently: no HTML page anywhere.
 */
class RefusedRequestFormatTest extends IntegrationTest {

	private static final String AVATAR = "/api/user/get_avatar?appid=demo&user=13800138000";

	private static final String PROFILE = "/api/get-public-user-profile?userId=user_001";

	@LocalServerPort
	private int port;

	private RawHttp raw;

	@BeforeEach
	void raw() {
		this.raw = new RawHttp(this.port);
	}

	@Test
	void aHeaderLineWithoutAColon() {
		assertAvatarError(head("GET " + AVATAR + " HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n"), 400, 204);
		assertProblemWithHeaders(head("GET " + PROFILE + " HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n"), 400);
	}

	@Test
	void http11WithoutHost() {
		assertAvatarError(head("GET " + AVATAR + " HTTP/1.1\r\n\r\n"), 400, 204);
		assertProblemWithHeaders(head("GET " + PROFILE + " HTTP/1.1\r\n\r\n"), 400);
	}

	@Test
	void twoHostHeaders() {
		assertAvatarError(head("GET " + AVATAR + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400, 204);
		assertProblemWithHeaders(head("GET " + PROFILE + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
	}

	@Test
	void aHeaderOverTheSizeLimit() {
		String big = "X-Big: " + "a".repeat(20_000) + "\r\n";
		assertAvatarError(head("GET " + AVATAR + " HTTP/1.1\r\nHost: localhost\r\n" + big + "\r\n"), 400, 204);
		assertProblemWithHeaders(head("GET " + PROFILE + " HTTP/1.1\r\nHost: localhost\r\n" + big + "\r\n"), 400);
	}

	@Test
	void nulInAPath() {
		assertAvatarError(head("GET /api/user/get_avatar%00?appid=demo&user=x HTTP/1.1\r\nHost: localhost\r\n\r\n"),
				400, 204);
		assertAvatarError(head("GET /avatars/%00.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, 204);
		assertProblemWithHeaders(
				head("GET /api/get-public-user-profile%00?userId=x HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
	}

	@Test
	void dotSegmentsWrittenOrEncoded() {
		// the format follows the path as written: under /avatars/ the avatar format,
		// elsewhere problem+json
		for (String path : new String[] { "/avatars/../avatars/" + "0".repeat(64) + ".jpg", "/avatars/%2E%2E/x.jpg",
				"/avatars/a%2Fb.jpg", "/avatars/.%2e/x.jpg;y=1" }) {
			assertAvatarError(head("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, 204);
		}
		for (String path : new String[] { "/api/../api/user/get_avatar", "/api/user/./get_avatar",
				"/api/%2e%2e/api/user/get_avatar", "/api/../api/get-public-user-profile", "/../etc/passwd",
				"/api/user%5cget_avatar" }) {
			assertProblemWithHeaders(head("GET " + path + "?appid=demo&user=x HTTP/1.1\r\nHost: localhost\r\n\r\n"),
					400);
		}
	}

	@Test
	void anHttpVersionOrTransferCodingTomcatDoesNotSpeak() {
		assertAvatarError(head("GET " + AVATAR + " HTTP/2.0\r\nHost: localhost\r\n\r\n"), 505, 505);
		assertAvatarError(head("GET " + AVATAR + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n"),
				501, 501);
		assertProblemWithHeaders(head("CONNECT " + PROFILE + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 501);
	}

	@Test
	void anUnreadableRequestTargetAnswersInThePathsFormat() {
		// Tomcat refuses the request line before any path is known (curl -g sends it so)
		assertAvatarError(
				this.raw.exchange("GET /api/user/get_avatar?appid=demo&user=张三 HTTP/1.1\r\nHost: localhost\r\n\r\n"
					.getBytes(StandardCharsets.UTF_8)),
				400, 204);
		assertProblemWithHeaders(
				this.raw.exchange("GET /api/get-public-user-profile?userId=张三 HTTP/1.1\r\nHost: localhost\r\n\r\n"
					.getBytes(StandardCharsets.UTF_8)),
				400);
		// and a control character, which Tomcat refuses the same way
		assertAvatarError(head("GET /api/user/get_avatar?appid=demo&user=a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n"), 400,
				204);
	}

	@Test
	void methodsAndPathsNoAvatarEndpointTakesAnswerInTheAvatarFormat() {
		Response post = this.raw.send("POST", AVATAR, new byte[0]);
		assertAvatarError(post, 405, 405);
		assertThat(post.header("Allow")).isEqualTo("GET,HEAD");
		assertAvatarError(this.raw.send("GET", "/avatars/not-a-hash", null), 404, 404);
		assertAvatarError(this.raw.send("GET", "/avatars/" + "0".repeat(64) + ".png", null), 404, 404);
		Response unknown = this.raw.send("GET", "/api/no-such-endpoint", null);
		assertProblemWithHeaders(unknown, 404);
		assertThat(unknown.text()).doesNotContain("static resource");
	}

	private Response head(String request) {
		return this.raw.exchange(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static void assertAvatarError(Response response, int status, int code) {
		assertSeedError(response, status, code, response.json().get("msg").stringValue());
		assertThat(response.header("Content-Type")).isEqualTo("application/json");
		assertCommonHeaders(response);
		assertThat(response.header("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
	}

	private static void assertProblemWithHeaders(Response response, int status) {
		assertProblem(response, status);
		assertCommonHeaders(response);
	}

	private static void assertCommonHeaders(Response response) {
		assertThat(response.header("X-Content-Type-Options")).as(response.toString()).isEqualTo("nosniff");
		assertThat(response.header("X-Request-Id")).as(response.toString()).matches("[A-Za-z0-9._:-]{1,64}");
		assertThat(response.text()).doesNotContain("<html").doesNotContain("Tomcat");
	}

}
