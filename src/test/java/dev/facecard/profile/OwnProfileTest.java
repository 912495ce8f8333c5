package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/get-user-profile} over HTTP on PostgreSQL: the caller's own profile,
 * named by its API key alone, with every refusal.
 */
class OwnProfileTest extends IntegrationTest {

	private static final String PATH = "/api/get-user-profile";

	/** Every member of the owner's view but the board ranks, in order. */
	private static final List<String> ALWAYS = List.of("userId", "username", "appid", "nickname", "avatarUrl",
			"profileBgUrl", "bio", "statusStickerUrl", "createdAt", "updatedAt", "vipLevel", "authorLevel", "isMember",
			"memberUntil", "isOfficial", "followerCount", "followingCount", "cardCount", "hidePatronIdentity",
			"hideSocialFromPublic");

	private String appid;

	@BeforeEach
	void app() {
		this.appid = newApp();
	}

	@Test
	void aPlainUserSeesEveryAlwaysPresentMemberWithItsValue() {
		String userId = newUser(this.appid, "13700137000", "\"nickname\":\"Plain\",\"authorLevel\":3,\"cardCount\":2")
			.get("userId")
			.stringValue();

		Response response = own(key(userId), null);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("application/json");
		assertThat(response.header("Cache-Control")).isEqualTo("private, no-store");
		JsonNode profile = response.json();
		assertThat(profile.propertyNames()).containsExactlyElementsOf(ALWAYS);
		JsonNode stored = admin("GET", "/admin/users/" + userId, null).json();
		assertThat(profile.get("userId").stringValue()).isEqualTo(userId);
		assertThat(profile.get("username").stringValue()).isEqualTo("13700137000");
		assertThat(profile.get("appid").stringValue()).isEqualTo(this.appid);
		assertThat(profile.get("nickname").stringValue()).isEqualTo("Plain");
		for (String unset : List.of("avatarUrl", "profileBgUrl", "bio", "statusStickerUrl", "memberUntil")) {
			assertThat(profile.get(unset).isNull()).as(unset).isTrue();
		}
		assertThat(profile.get("createdAt").longValue()).isEqualTo(stored.get("createdAt").longValue());
		assertThat(profile.get("updatedAt").longValue()).isEqualTo(stored.get("updatedAt").longValue());
		assertThat(profile.get("vipLevel").intValue()).isZero();
		assertThat(profile.get("authorLevel").intValue()).isEqualTo(3);
		assertThat(profile.get("cardCount").intValue()).isEqualTo(2);
		assertThat(profile.get("followerCount").longValue()).isZero();
		assertThat(profile.get("followingCount").longValue()).isZero();
		for (String flag : List.of("isMember", "isOfficial", "hidePatronIdentity", "hideSocialFromPublic")) {
			assertThat(profile.get(flag).isBoolean()).as(flag).isTrue();
			assertThat(profile.get(flag).booleanValue()).as(flag).isFalse();
		}
	}

	@Test
	void theOwnerSeesWhatStrangersDoNot() {
		String userId = newUser(this.appid, "patron", """
				"nickname":"visit www.example.com","vipLevel":7,"authorLevel":4,"memberUntil":4102444800000,
				"official":true,"hidePatronIdentity":true,"hideSocialFromPublic":true,"bio":"Hi",
				"profileBgUrl":"https://cdn.example.com/bg.png","statusStickerUrl":"https://cdn.example.com/s.png\"""")
			.get("userId")
			.stringValue();
		String fan = newUser(this.appid, "fan", null).get("userId").stringValue();
		assertThat(admin("PUT", "/admin/users/" + fan + "/following/" + userId, null).status()).isEqualTo(204);
		assertThat(admin("PUT", "/admin/users/" + userId + "/following/" + fan, null).status()).isEqualTo(204);
		assertThat(uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(20, 20, 3), "png")).status())
			.isEqualTo(200);
		String token = key(userId);

		JsonNode profile = own(token, "{}").json();
		JsonNode card = publicCard(userId, token);

		assertThat(profile.propertyNames()).containsExactlyElementsOf(ALWAYS);
		assertThat(profile.get("nickname").stringValue()).isEqualTo("visit www.example.com");
		assertThat(card.get("nickname").stringValue()).isNotEqualTo("visit www.example.com");
		assertThat(profile.get("vipLevel").intValue()).isEqualTo(7);
		assertThat(profile.get("isMember").booleanValue()).isTrue();
		assertThat(profile.get("memberUntil").longValue()).isEqualTo(4102444800000L);
		assertThat(card.has("vipLevel")).isFalse();
		assertThat(card.has("isMember")).isFalse();
		assertThat(profile.get("isOfficial").booleanValue()).isTrue();
		assertThat(profile.get("hidePatronIdentity").booleanValue()).isTrue();
		assertThat(profile.get("hideSocialFromPublic").booleanValue()).isTrue();
		assertThat(profile.get("followerCount").longValue()).isEqualTo(1);
		assertThat(profile.get("followingCount").longValue()).isEqualTo(1);
		for (String shared : List.of("userId", "avatarUrl", "profileBgUrl", "bio", "statusStickerUrl", "createdAt",
				"updatedAt", "authorLevel", "followerCount", "followingCount", "cardCount")) {
			assertThat(profile.get(shared)).as(shared).isEqualTo(card.get(shared));
		}
		assertThat(profile.get("avatarUrl").stringValue()).contains("/avatars/");
		assertThat(profile.has("isFollowing")).isFalse();
	}

	@Test
	void boardRanksAreShownToTheOwnerAlsoUnderThePatronOptOut() {
		String userId = newUser(this.appid, "ranked", "\"hidePatronIdentity\":true").get("userId").stringValue();
		String token = key(userId);
		String author = boardUserIds("author");
		String vip = boardUserIds("vip");
		try {
			assertThat(admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[\"" + userId + "\"]}").status())
				.isEqualTo(200);
			assertThat(admin("PUT", "/admin/leaderboards/vip", "{\"userIds\":[\"" + userId + "\"]}").status())
				.isEqualTo(200);

			JsonNode profile = own(token, null).json();

			assertThat(profile.get("topAuthorRank").intValue()).isEqualTo(1);
			assertThat(profile.get("topVipRank").intValue()).isEqualTo(1);
			JsonNode card = publicCard(userId, null);
			assertThat(card.get("topAuthorRank").intValue()).isEqualTo(1);
			assertThat(card.has("topVipRank")).isFalse();
		}
		finally {
			assertThat(admin("PUT", "/admin/leaderboards/author", "{\"userIds\":" + author + "}").status())
				.isEqualTo(200);
			assertThat(admin("PUT", "/admin/leaderboards/vip", "{\"userIds\":" + vip + "}").status()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "{}", " { } ", "\n{}\n" })
	void anEmptyBodyOrAnEmptyObjectIsTheWholeRequest(String body) {
		String userId = newUser(this.appid, "asker", null).get("userId").stringValue();

		Response response = own(key(userId), body);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("userId").stringValue()).isEqualTo(userId);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"userId\":\"user_001\"}", "{\"x\":null}", "[]", "[{}]", "null", "\"{}\"", "0", "true",
			"{", "{}}", "{} {}", "not json", "{\"a\":1,\"a\":1}" })
	void anyOtherBodyIs400(String body) {
		String userId = newUser(this.appid, "asker", null).get("userId").stringValue();

		assertProblem(own(key(userId), body), 400);
	}

	@Test
	void withoutAValidKeyItIs401() {
		String userId = newUser(this.appid, "holder", null).get("userId").stringValue();
		Response issued = admin("POST", "/admin/users/" + userId + "/api-keys", null);
		String revokedToken = issued.json().get("token").stringValue();
		// cached as valid first: the revocation must evict it
		assertThat(own(revokedToken, null).status()).isEqualTo(200);
		assertThat(admin("DELETE", "/admin/api-keys/" + issued.json().get("id").stringValue(), null).status())
			.isEqualTo(204);

		List<String[]> refused = List.of(new String[0], new String[] { "Authorization", "" },
				new String[] { "Authorization", "Bearer " }, new String[] { "Authorization", "Bearer nonsense" },
				new String[] { "Authorization", "Basic dXNlcjpwYXNz" },
				new String[] { "Authorization", "Bearer fc_" + "A".repeat(43) },
				new String[] { "Authorization", "Bearer " + revokedToken },
				new String[] { "Authorization", "Bearer " + ADMIN_TOKEN });
		for (String[] authorization : refused) {
			Response response = this.http.send("POST", PATH, "{}".getBytes(StandardCharsets.UTF_8),
					concat(authorization, "Content-Type", "application/json"));
			assertProblem(response, 401);
			assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
			assertThat(response.header("Cache-Control")).isNull();
		}
	}

	@Test
	void aBannedOwnersKeyIs401AndWorksAgainOnceUnbanned() {
		String userId = newUser(this.appid, "bannable", null).get("userId").stringValue();
		String token = key(userId);
		assertThat(own(token, null).status()).isEqualTo(200);

		assertThat(admin("PATCH", "/admin/users/" + userId, "{\"banned\":true}").status()).isEqualTo(200);
		assertProblem(own(token, null), 401);

		assertThat(admin("PATCH", "/admin/users/" + userId, "{\"banned\":false}").status()).isEqualTo(200);
		assertThat(own(token, null).status()).isEqualTo(200);
	}

	@Test
	void aChangeShowsAtOnce() {
		String userId = newUser(this.appid, "changer", "\"nickname\":\"Before\"").get("userId").stringValue();
		String token = key(userId);
		assertThat(own(token, null).json().get("nickname").stringValue()).isEqualTo("Before");

		assertThat(admin("PATCH", "/admin/users/" + userId, "{\"nickname\":\"After\",\"memberUntil\":1000}").status())
			.isEqualTo(200);

		JsonNode profile = own(token, null).json();
		assertThat(profile.get("nickname").stringValue()).isEqualTo("After");
		assertThat(profile.get("memberUntil").longValue()).isEqualTo(1000);
		assertThat(profile.get("isMember").booleanValue()).isFalse();
	}

	private String key(String userId) {
		Response issued = admin("POST", "/admin/users/" + userId + "/api-keys", null);
		assertThat(issued.status()).isEqualTo(201);
		return issued.json().get("token").stringValue();
	}

	private Response own(String token, String body) {
		return this.http.send("POST", PATH, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null,
				"Authorization", "Bearer " + token, "Content-Type", "application/json");
	}

	private JsonNode publicCard(String userId, String token) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		Response response = (token != null)
				? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
						"Authorization", "Bearer " + token)
				: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static String[] concat(String[] first, String... second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
