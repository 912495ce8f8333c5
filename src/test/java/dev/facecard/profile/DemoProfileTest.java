package dev.facecard.profile;

import java.nio.charset.StandardCharsets;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data on PostgreSQL ({@code facecard.demo-data=true}): user_001 is the xiangcao
 * contract's example.
 */
@TestPropertySource(properties = "facecard.demo-data=true")
class DemoProfileTest extends IntegrationTest {

	/**
	 * The xiangcao contract's example response, less avatarUrl (ours is
	 * content-addressed) and isFollowing.
	 */
	private static final String SEED_EXAMPLE = """
			{"userId":"user_001","nickname":"香草作者","profileBgUrl":null,"bio":"喜欢写角色卡",
			 "statusStickerUrl":null,"createdAt":1700000000000,"updatedAt":1705000000000,"vipLevel":5,
			 "authorLevel":12,"isMember":true,"followerCount":128,"followingCount":32,"cardCount":8,
			 "topAuthorRank":3}""";

	@Test
	void user001AnswersTheContractsExampleWithExactlyItsKeys() {
		JsonNode card = profile(null).json();

		assertThat(card.propertyNames()).containsExactly("userId", "nickname", "avatarUrl", "profileBgUrl", "bio",
				"statusStickerUrl", "createdAt", "updatedAt", "vipLevel", "authorLevel", "isMember", "followerCount",
				"followingCount", "cardCount", "topAuthorRank");
		assertThat(card.get("avatarUrl").stringValue()).matches("http://localhost:\\d+/avatars/[0-9a-f]{64}\\.jpg");
		JsonNode expected = dev.facecard.support.TestHttp.parse(SEED_EXAMPLE);
		for (String key : expected.propertyNames()) {
			assertThat(card.get(key)).as(key).isEqualTo(expected.get(key));
		}
	}

	@Test
	void anotherUsersTokenAddsIsFollowingAndUser001sOwnTokenDoesNot() {
		JsonNode stranger = profile(token("user_002")).json();
		JsonNode fan = profile(token("fan_007")).json();
		JsonNode own = profile(token("user_001")).json();

		assertThat(stranger.get("isFollowing").booleanValue()).isFalse();
		assertThat(fan.get("isFollowing").booleanValue()).isTrue();
		assertThat(own.has("isFollowing")).isFalse();
		assertThat(own).isEqualTo(profile(null).json());
	}

	/** README, Try it: the caller's own profile with user_002's key. */
	@Test
	void user002SeesTheirOwnProfile() {
		Response response = this.http.send("POST", "/api/get-user-profile", null, "Authorization",
				"Bearer " + token("user_002"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).isEqualTo("private, no-store");
		JsonNode own = response.json();
		JsonNode expected = dev.facecard.support.TestHttp.parse("""
				{"userId":"user_002","username":"13800138000","appid":"demo","nickname":"小明","profileBgUrl":null,
				 "bio":null,"statusStickerUrl":null,"vipLevel":0,"authorLevel":20,"isMember":false,"memberUntil":null,
				 "isOfficial":false,"cardCount":31,"topAuthorRank":1,"hidePatronIdentity":false,
				 "hideSocialFromPublic":false}""");
		for (String key : expected.propertyNames()) {
			assertThat(own.get(key)).as(key).isEqualTo(expected.get(key));
		}
		assertThat(own.has("topVipRank")).isFalse();
		assertThat(own.get("avatarUrl").stringValue()).matches("http://localhost:\\d+/avatars/[0-9a-f]{64}\\.jpg");
	}

	private String token(String userId) {
		return admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
	}

	private Response profile(String token) {
		byte[] body = "{\"userId\": \"user_001\"}".getBytes(StandardCharsets.UTF_8);
		Response response = (token == null)
				? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json")
				: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
						"Authorization", "Bearer " + token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

}
