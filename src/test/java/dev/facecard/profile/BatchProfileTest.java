package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static dev.facecard.support.StatementCounter.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Many cards at once (README, "Try it"): {@code POST /api/get-public-user-profiles}. */
class BatchProfileTest extends IntegrationTest {

	private static final String PATH = "/api/get-public-user-profiles";

	private String appid;

	@BeforeEach
	void app() {
		this.appid = newApp();
	}

	@Test
	void profilesComeInRequestOrderWithUnknownAndBannedInNotFound() {
		String first = user("\"nickname\":\"First\"");
		String second = user("\"nickname\":\"Second\"");
		String banned = user(null);
		admin("PATCH", "/admin/users/" + banned, "{\"banned\":true}");

		JsonNode answer = batch(List.of(second, "nobody", first, banned, second), null).json();

		assertThat(answer.propertyNames()).containsExactly("profiles", "notFound");
		assertThat(answer.get("profiles").values().stream().map(card -> card.get("userId").stringValue()))
			.containsExactly(second, first);
		assertThat(answer.get("notFound").values().stream().map(JsonNode::stringValue)).containsExactly("nobody",
				banned);
	}

	@Test
	void eachCardIsExactlyWhatTheSingleEndpointGivesIsFollowingIncluded() {
		String target = user("\"nickname\":\"T\",\"official\":true");
		String other = user(null);
		String viewer = user(null);
		admin("PUT", "/admin/users/" + viewer + "/following/" + target, null);
		String token = admin("POST", "/admin/users/" + viewer + "/api-keys", null).json().get("token").stringValue();

		JsonNode cards = batch(List.of(target, other, viewer), token).json().get("profiles");

		assertThat(cards.get(0)).isEqualTo(single(target, token));
		assertThat(cards.get(0).get("isFollowing").booleanValue()).isTrue();
		assertThat(cards.get(1).get("isFollowing").booleanValue()).isFalse();
		assertThat(cards.get(2).has("isFollowing")).isFalse();
		assertThat(batch(List.of(target), null).json().get("profiles").get(0)).isEqualTo(single(target, null));
	}

	@Test
	void statementsAreBoundedWhateverTheCount() {
		String viewer = user(null);
		String token = admin("POST", "/admin/users/" + viewer + "/api-keys", null).json().get("token").stringValue();
		List<String> twenty = users(20);
		List<String> sixty = users(60);

		assertThat(count(() -> batch(twenty, token))).isLessThanOrEqualTo(3);
		assertThat(count(() -> batch(sixty, token))).isLessThanOrEqualTo(3);
		assertThat(count(() -> batch(sixty, token))).isZero();
	}

	@Test
	void badBodiesAre400() {
		List<String> hundredOne = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			hundredOne.add("u" + i);
		}
		assertProblem(post(json(hundredOne)), 400);
		assertProblem(post("{\"userIds\":[]}"), 400);
		assertProblem(post("{\"userIds\":\"u1\"}"), 400);
		assertProblem(post("{\"userIds\":[1]}"), 400);
		assertProblem(post("{\"userIds\":[\" \"]}"), 400);
		assertProblem(post("[]"), 400);
		assertProblem(post(""), 400);
		assertThat(post(json(hundredOne.subList(0, 100))).status()).isEqualTo(200);
	}

	private List<String> users(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(user(null));
		}
		return ids;
	}

	private String user(String fields) {
		return newUser(this.appid, unique("u"), fields).get("userId").stringValue();
	}

	private JsonNode single(String userId, String token) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		Response response = (token == null)
				? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json")
				: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
						"Authorization", "Bearer " + token);
		return response.json();
	}

	private Response batch(List<String> userIds, String token) {
		byte[] body = json(userIds).getBytes(StandardCharsets.UTF_8);
		Response response = (token == null) ? this.http.send("POST", PATH, body, "Content-Type", "application/json")
				: this.http.send("POST", PATH, body, "Content-Type", "application/json", "Authorization",
						"Bearer " + token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		return response;
	}

	private Response post(String body) {
		return this.http.send("POST", PATH, body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
	}

	private static String json(List<String> ids) {
		return "{\"userIds\":[\"" + String.join("\",\"", ids) + "\"]}";
	}

}
