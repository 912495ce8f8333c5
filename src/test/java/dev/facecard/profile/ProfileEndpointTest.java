package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public profile over HTTP on PostgreSQL: each rule of the field table separately,
 * and every error.
 */
class ProfileEndpointTest extends IntegrationTest {

	private static final String PATH = "/api/get-public-user-profile";

	@Autowired
	private JdbcTemplate jdbc;

	private String appid;

	@BeforeEach
	void app() {
		this.appid = newApp();
	}

	@Test
	void plainUserHasTheAlwaysKeysAndNoOptionalOnes() {
		String userId = user("\"nickname\":\"Plain\",\"authorLevel\":3,\"cardCount\":2");

		JsonNode card = profile(userId);

		assertThat(card.propertyNames()).containsExactly("userId", "nickname", "avatarUrl", "profileBgUrl", "bio",
				"statusStickerUrl", "createdAt", "updatedAt", "vipLevel", "authorLevel", "isMember", "followerCount",
				"followingCount", "cardCount");
		assertThat(card.get("nickname").stringValue()).isEqualTo("Plain");
		assertThat(card.get("isMember").booleanValue()).isFalse();
		assertThat(card.get("vipLevel").intValue()).isZero();
		assertThat(card.get("authorLevel").intValue()).isEqualTo(3);
		assertThat(card.get("cardCount").intValue()).isEqualTo(2);
	}

	@Test
	void unsetTextsArePresentAsNull() {
		JsonNode card = profile(user(null));

		for (String key : List.of("nickname", "avatarUrl", "profileBgUrl", "bio", "statusStickerUrl")) {
			assertThat(card.has(key)).as(key).isTrue();
			assertThat(card.get(key).isNull()).as(key).isTrue();
		}
	}

	@Test
	void setTextsAndAvatarAreShown() {
		String userId = user("\"bio\":\"喜欢写角色卡\",\"profileBgUrl\":\"https://cdn.example.com/bg.png\","
				+ "\"statusStickerUrl\":\"https://cdn.example.com/s.png\"");
		uploadAvatar(userId, "image/png",
				dev.facecard.support.TestImages.encode(dev.facecard.support.TestImages.noise(20, 20, 5), "png"));

		JsonNode card = profile(userId);

		assertThat(card.get("bio").stringValue()).isEqualTo("喜欢写角色卡");
		assertThat(card.get("profileBgUrl").stringValue()).isEqualTo("https://cdn.example.com/bg.png");
		assertThat(card.get("statusStickerUrl").stringValue()).isEqualTo("https://cdn.example.com/s.png");
		String avatarUrl = card.get("avatarUrl").stringValue();
		assertThat(avatarUrl).matches("http://localhost:\\d+/avatars/[0-9a-f]{64}\\.jpg");
		assertThat(this.http.get(avatarUrl.substring(avatarUrl.indexOf("/avatars/"))).status()).isEqualTo(200);
	}

	@Test
	void avatarUrlNeverContainsTheUsername() {
		String userId = newUser(this.appid, "13812345678", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png",
				dev.facecard.support.TestImages.encode(dev.facecard.support.TestImages.noise(20, 20, 6), "png"));

		assertThat(profile(userId).get("avatarUrl").stringValue()).doesNotContain("13812345678");
	}

	@Test
	void patronOptOutOmitsVipLevelMembershipAndVipRank() {
		String userId = user("\"vipLevel\":9,\"memberUntil\":4102444800000,\"hidePatronIdentity\":true");
		board("vip", userId);
		board("author", userId);

		JsonNode card = profile(userId);

		assertThat(card.has("vipLevel")).isFalse();
		assertThat(card.has("isMember")).isFalse();
		assertThat(card.has("topVipRank")).isFalse();
		assertThat(card.get("topAuthorRank").intValue()).isEqualTo(1);
		board("vip");
		board("author");
	}

	@Test
	void officialAccountsSayIsOfficialAndOthersOmitIt() {
		assertThat(profile(user("\"official\":true")).get("isOfficial").booleanValue()).isTrue();
		assertThat(profile(user("\"official\":false")).has("isOfficial")).isFalse();
	}

	@Test
	void bothBoardsShowRanksOnlyForTheirMembers() {
		String first = user(null);
		String second = user(null);
		String absent = user(null);
		board("author", first, second);
		board("vip", second);

		assertThat(profile(first).get("topAuthorRank").intValue()).isEqualTo(1);
		assertThat(profile(first).has("topVipRank")).isFalse();
		assertThat(profile(second).get("topAuthorRank").intValue()).isEqualTo(2);
		assertThat(profile(second).get("topVipRank").intValue()).isEqualTo(1);
		assertThat(profile(absent).has("topAuthorRank")).isFalse();
		assertThat(profile(absent).has("topVipRank")).isFalse();
		board("author");
		board("vip");
	}

	@Test
	void aReplacedBoardMovesAndDropsRanksOnCardsAlreadyServed() {
		String first = user(null);
		String second = user(null);
		String third = user(null);
		board("author", first, second, third);
		assertThat(profile(first).get("topAuthorRank").intValue()).isEqualTo(1);
		assertThat(profile(second).get("topAuthorRank").intValue()).isEqualTo(2);
		assertThat(profile(third).get("topAuthorRank").intValue()).isEqualTo(3);

		board("author", third, first);

		assertThat(profile(third).get("topAuthorRank").intValue()).isEqualTo(1);
		assertThat(profile(first).get("topAuthorRank").intValue()).isEqualTo(2);
		assertThat(profile(second).has("topAuthorRank")).isFalse();
		assertThat(profile(third).has("topVipRank")).isFalse();
		board("author");
		assertThat(profile(third).has("topAuthorRank")).isFalse();
	}

	@Test
	void hiddenSocialListsAreFlaggedButCountsStay() {
		String userId = user("\"hideSocialFromPublic\":true");
		String fan = user(null);
		admin("PUT", "/admin/users/" + fan + "/following/" + userId, null);

		JsonNode card = profile(userId);

		assertThat(card.get("hideSocialFromPublic").booleanValue()).isTrue();
		assertThat(card.get("followerCount").longValue()).isEqualTo(1);
		assertThat(profile(fan).has("hideSocialFromPublic")).isFalse();
		assertThat(profile(fan).get("followingCount").longValue()).isEqualTo(1);
	}

	@Test
	void membershipIsValidOnlyUntilItsEnd() {
		assertThat(profile(user("\"memberUntil\":4102444800000")).get("isMember").booleanValue()).isTrue();
		assertThat(profile(user("\"memberUntil\":1000")).get("isMember").booleanValue()).isFalse();
		assertThat(profile(user(null)).get("isMember").booleanValue()).isFalse();
	}

	@Test
	void aCachedCardIsNotServedPastTheEndOfItsMembership() throws InterruptedException {
		long end = System.currentTimeMillis() + 2_000;
		String userId = user("\"memberUntil\":" + end);
		JsonNode member = profile(userId);
		assertThat(member.get("isMember").booleanValue()).isTrue();
		assertThat(profile(userId)).isEqualTo(member); // cached: lookups are kept for
														// minutes

		Thread.sleep(Math.max(0, end - System.currentTimeMillis()) + 50);

		JsonNode ended = profile(userId);
		assertThat(ended.get("isMember").booleanValue()).isFalse();
		assertThat(ended.get("updatedAt").longValue()).isEqualTo(end);
	}

	@Test
	void updatedAtMovesOnEveryChangeTheCardShows() throws InterruptedException {
		String userId = user("\"nickname\":\"Before\"");
		String other = user(null);
		long created = profile(userId).get("createdAt").longValue();
		long updated = profile(userId).get("updatedAt").longValue();

		String[][] changes = { { "PATCH", "/admin/users/" + userId, "{\"nickname\":\"After\"}" },
				{ "PUT", "/admin/users/" + other + "/following/" + userId, null },
				{ "PUT", "/admin/leaderboards/author", "{\"userIds\":[\"" + userId + "\"]}" },
				{ "PUT", "/admin/leaderboards/author", "{\"userIds\":[]}" } };
		for (String[] change : changes) {
			Thread.sleep(3);
			assertThat(admin(change[0], change[1], change[2]).status()).isBetween(200, 204);
			long now = profile(userId).get("updatedAt").longValue();
			assertThat(now).as(String.join(" ", change[0], change[1])).isGreaterThan(updated);
			updated = now;
		}
		Thread.sleep(3);
		uploadAvatar(userId, "image/png",
				dev.facecard.support.TestImages.encode(dev.facecard.support.TestImages.noise(10, 10, 9), "png"));
		assertThat(profile(userId).get("updatedAt").longValue()).isGreaterThan(updated);
		assertThat(profile(userId).get("createdAt").longValue()).isEqualTo(created);
	}

	@Test
	void linkNicknamesAreHiddenAndOrdinaryOnesKept() {
		String placeholder = "昵称含链接，已隐藏";
		assertThat(profile(user("\"nickname\":\"加我 www.spam.cn\"")).get("nickname").stringValue())
			.isEqualTo(placeholder);
		assertThat(profile(user("\"nickname\":\"ｓｐａｍ．ｃｏｍ\"")).get("nickname").stringValue()).isEqualTo(placeholder);
		assertThat(profile(user("\"nickname\":\"me@example.com\"")).get("nickname").stringValue())
			.isEqualTo(placeholder);
		assertThat(profile(user("\"nickname\":\"小明 2.0\"")).get("nickname").stringValue()).isEqualTo("小明 2.0");
		assertThat(profile(user("\"nickname\":\"Mr.Smith\"")).get("nickname").stringValue()).isEqualTo("Mr.Smith");
	}

	@Test
	void isFollowingAppearsWithAnotherUsersTokenAndNeverForOneself() {
		String target = user(null);
		String fan = user(null);
		String stranger = user(null);
		admin("PUT", "/admin/users/" + fan + "/following/" + target, null);
		admin("PUT", "/admin/users/" + target + "/following/" + fan, null);

		assertThat(profile(target, token(fan)).get("isFollowing").booleanValue()).isTrue();
		assertThat(profile(target, token(stranger)).get("isFollowing").booleanValue()).isFalse();
		JsonNode own = profile(target, token(target));
		assertThat(own.has("isFollowing")).isFalse();
		assertThat(own).isEqualTo(profile(target));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "{\"userId\":", "[\"user_001\"]", "{}", "\"user_001\"",
			"{\"userId\":\"\"}", "{\"userId\":\"   \"}", "{\"userId\":123}", "{\"userId\":null}", "{\"userId\":[]}",
			"{\"userId\":true}", "{\"userId\":{}}", "null", "42", "{\"userId\":\"SIXTYFIVE\"}" })
	void malformedBodiesAre400(String body) {
		Response response = post(body.replace("SIXTYFIVE", "u".repeat(65)));

		assertProblem(response, 400);
	}

	@Test
	void noBodyAtAllIs400() {
		assertProblem(this.http.send("POST", PATH, null), 400);
		assertProblem(this.http.send("POST", PATH, null, "Content-Type", "application/json"), 400);
	}

	@Test
	void badTokensAre401() {
		String target = user(null);
		String owner = user(null);
		String revoked = issueToken(owner);
		String revokedId = this.jdbc.queryForObject("select id from api_keys where token_hash = ?", String.class,
				dev.facecard.shared.data.Sha256.hex(revoked));
		admin("DELETE", "/admin/api-keys/" + revokedId, null);
		String bannedOwner = user(null);
		String bannedToken = issueToken(bannedOwner);
		admin("PATCH", "/admin/users/" + bannedOwner, "{\"banned\":true}");

		for (String authorization : List.of("garbage", "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer  ",
				"Bearer fc_unknownunknownunknownunknownunknown", "Bearer " + revoked, "Bearer " + bannedToken)) {
			Response response = post("{\"userId\":\"" + target + "\"}", "Authorization", authorization);
			assertProblem(response, 401);
			assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
		}
	}

	@Test
	void unknownAndBannedTargetsAre404() {
		String banned = user(null);
		admin("PATCH", "/admin/users/" + banned, "{\"banned\":true}");

		assertProblem(post("{\"userId\":\"nobody_at_all\"}"), 404);
		assertProblem(post("{\"userId\":\"" + banned + "\"}"), 404);
		assertProblem(post("{\"userId\":\"" + banned + "\"}", "Authorization", "Bearer " + issueToken(user(null))),
				404);
	}

	@Test
	void thePlainTokenIsStoredNowhere() {
		String token = issueToken(user(null));
		String secret = token.substring(3);
		List<String> columns = this.jdbc.queryForList("""
				select table_name || '.' || column_name from information_schema.columns
				where table_schema = current_schema() and data_type in ('character varying', 'text')""", String.class);
		assertThat(columns).contains("api_keys.token_hash");
		for (String column : columns) {
			String[] parts = column.split("\\.");
			Integer hits = this.jdbc.queryForObject(
					"select count(*) from " + parts[0] + " where " + parts[1] + " like ?", Integer.class,
					"%" + secret + "%");
			assertThat(hits).as(column).isZero();
		}
	}

	@Test
	void theContractsCurlWorksUnchanged() {
		String userId = user("\"nickname\":\"Curl\"");
		String token = issueToken(user(null));

		// curl -X POST ... -H "Authorization: Bearer <YOUR_API_KEY>" -H "Content-Type:
		// application/json" -d '{...}'
		Response response = this.http.send("POST", PATH, ("{\n\"userId\": \"" + userId + "\"\n}").getBytes(),
				"Authorization", "Bearer " + token, "Content-Type", "application/json");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.json().get("nickname").stringValue()).isEqualTo("Curl");
	}

	@Test
	void aForgedXForwardedForDoesNotChangeTheClientIp() {
		String userId = user(null);
		long before = Long.parseLong(post("{\"userId\":\"" + userId + "\"}", "X-Forwarded-For", "203.0.113.1")
			.header("X-RateLimit-Remaining"));
		long after = Long.parseLong(post("{\"userId\":\"" + userId + "\"}", "X-Forwarded-For", "198.51.100.7")
			.header("X-RateLimit-Remaining"));
		assertThat(after).isEqualTo(before - 1);
	}

	private String user(String fields) {
		return newUser(this.appid, unique("user"), fields).get("userId").stringValue();
	}

	private String issueToken(String userId) {
		return admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
	}

	private String token(String userId) {
		return issueToken(userId);
	}

	private void board(String board, String... userIds) {
		String list = String.join("\",\"", userIds);
		String body = "{\"userIds\":[" + (userIds.length == 0 ? "" : "\"" + list + "\"") + "]}";
		assertThat(admin("PUT", "/admin/leaderboards/" + board, body).status()).isEqualTo(200);
	}

	private JsonNode profile(String userId) {
		Response response = post("{\"userId\":\"" + userId + "\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private JsonNode profile(String userId, String token) {
		Response response = post("{\"userId\":\"" + userId + "\"}", "Authorization", "Bearer " + token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private Response post(String body, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return this.http.send("POST", PATH, body.getBytes(StandardCharsets.UTF_8), all);
	}

}
