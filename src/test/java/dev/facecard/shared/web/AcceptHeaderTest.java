package dev.facecard.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import dev.facecard.support.HttpIntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON APIs answer JSON whatever {@code Accept} names, so that no write is stored and
 * then refused as not acceptable; an {@code Accept} that does not parse counts as absent,
 * so that errors keep their bodies ({@link LenientAcceptNegotiation}).
 */
class AcceptHeaderTest extends HttpIntegrationTest {

	private static final List<String> NOT_JSON = List.of("text/html", "application/xml", "text/plain", "image/png");

	private static final List<String> UNPARSEABLE = List.of("json", "foo", "application/json;q=1.5", "text/html;q=abc",
			"13987654321");

	private static final List<String> EVERY = Stream.concat(NOT_JSON.stream(), UNPARSEABLE.stream()).toList();

	@Test
	void anAdminWriteAskedForAsAnythingButJsonIsStoredAndAnsweredInJson() {
		String appid = newApp();
		for (String accept : EVERY) {
			String username = unique("u");
			Response created = adminAsked("POST", "/admin/users",
					"{\"appid\":\"" + appid + "\",\"username\":\"" + username + "\"}", accept);
			assertThat(created.status()).as(accept + ": " + created).isEqualTo(201);
			assertThat(created.header("Content-Type")).startsWith("application/json");
			String userId = created.json().get("userId").stringValue();

			Response key = adminAsked("POST", "/admin/users/" + userId + "/api-keys", null, accept);
			assertThat(key.status()).as(accept + ": " + key).isEqualTo(201);
			assertThat(key.json().get("token").stringValue()).startsWith("fc_");

			Response changed = adminAsked("PATCH", "/admin/users/" + userId, "{\"bio\":\"asked as " + accept + "\"}",
					accept);
			assertThat(changed.status()).as(accept + ": " + changed).isEqualTo(200);
			assertThat(changed.json().get("bio").stringValue()).isEqualTo("asked as " + accept);
		}
	}

	@Test
	void aProfileIsJsonWhateverAcceptSays() {
		String userId = newUser(newApp(), unique("u"), "\"nickname\":\"Accepting\"").get("userId").stringValue();
		for (String accept : EVERY) {
			Response byPost = asked("POST", "/api/get-public-user-profile", "{\"userId\":\"" + userId + "\"}", accept);
			assertThat(byPost.status()).as(accept + ": " + byPost).isEqualTo(200);
			assertThat(byPost.header("Content-Type")).startsWith("application/json");
			assertThat(byPost.json().get("nickname").stringValue()).isEqualTo("Accepting");

			Response byGet = this.http.get("/api/get-public-user-profile?userId=" + userId, "Accept", accept);
			assertThat(byGet.status()).as(accept + ": " + byGet).isEqualTo(200);
			assertThat(byGet.json().get("userId").stringValue()).isEqualTo(userId);
		}
	}

	@Test
	void errorsKeepTheirJsonBodiesWhateverAcceptSays() {
		for (String accept : EVERY) {
			assertProblem(asked("POST", "/api/get-public-user-profile", "{\"userId\":\"nobody\"}", accept), 404);
			assertProblem(asked("POST", "/api/get-public-user-profile", "{", accept), 400);
			assertProblem(this.http.get("/api/get-public-user-profile?userId=nobody", "Accept", accept), 404);
			assertProblem(asked("DELETE", "/api/get-public-user-profile", null, accept), 405);
			assertProblem(adminAsked("GET", "/admin/users/nobody", null, accept), 404);
			assertProblem(adminAsked("POST", "/admin/users", "{\"appid\":1}", accept), 400);
			assertProblem(this.http.get("/no-such-path", "Accept", accept), 404);
		}
		for (String accept : UNPARSEABLE) {
			assertProblem(this.http.get("/actuator/no-such-endpoint", "Accept", accept), 404);
			// Actuator's endpoints negotiate on their own: a refusal, with its body
			assertProblem(this.http.get("/actuator/health", "Accept", accept), 406);
		}
	}

	/** An admin call that asks for {@code accept}. */
	private Response adminAsked(String method, String path, String json, String accept) {
		return this.http.send(method, path, bytes(json), "Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type",
				"application/json", "Accept", accept);
	}

	/** A call without a credential that asks for {@code accept}. */
	private Response asked(String method, String path, String json, String accept) {
		return this.http.send(method, path, bytes(json), "Content-Type", "application/json", "Accept", accept);
	}

	private static byte[] bytes(String json) {
		return (json != null) ? json.getBytes(StandardCharsets.UTF_8) : null;
	}

}
