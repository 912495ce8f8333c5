package dev.facecard.admin;

import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API (README, Admin API) over HTTP on PostgreSQL: auth, validation, conflicts,
 * and each call's answer.
 */
class AdminApiTest extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void callsWithoutTheRightAdminTokenAre401() {
		String[][] attempts = { {}, { "Authorization", "Bearer wrong-token" }, { "Authorization", "Bearer " },
				{ "Authorization", "Basic " + ADMIN_TOKEN }, { "Authorization", ADMIN_TOKEN },
				{ "Authorization", "Bearer " + ADMIN_TOKEN + "x" } };
		for (String[] headers : attempts) {
			Response response = this.http.send("POST", "/admin/apps", "{\"name\":\"x\"}".getBytes(), concat(headers));
			assertThat(response.status()).as(List.of(headers).toString()).isEqualTo(401);
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
		}
		assertThat(this.http.get("/admin/users/user_001").status()).isEqualTo(401);
		assertThat(this.http.send("DELETE", "/admin/api-keys/x", null).status()).isEqualTo(401);
		// before anything else is looked at: no 405, 415 or 404 that would tell what
		// exists
		assertThat(this.http.send("POST", "/admin/users/user_001", "{}".getBytes(), "Content-Type", "application/json")
			.status()).isEqualTo(401);
		assertThat(this.http.send("PUT", "/admin/users/user_001/avatar", "x".getBytes(), "Content-Type", "text/plain")
			.status()).isEqualTo(401);
		assertThat(this.http.get("/admin/no/such/path").status()).isEqualTo(401);
	}

	@Test
	void appsAreCreatedWithGivenOrGeneratedIdsAndDuplicatesAre409() {
		String appid = unique("app");
		Response created = admin("POST", "/admin/apps", "{\"appid\":\"" + appid + "\",\"name\":\"Mine\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().propertyNames()).containsExactlyInAnyOrder("appid", "name", "createdAt");
		assertThat(created.json().get("appid").stringValue()).isEqualTo(appid);
		assertThat(created.json().get("createdAt").longValue()).isPositive();

		Response generated = admin("POST", "/admin/apps", "{\"name\":\"Generated\"}");
		assertThat(generated.status()).isEqualTo(201);
		assertThat(generated.json().get("appid").stringValue()).matches("[A-Za-z0-9_-]{1,64}");

		assertProblem(admin("POST", "/admin/apps", "{\"appid\":\"" + appid + "\",\"name\":\"Again\"}"), 409);
		assertThat(this.jdbc.queryForObject("select name from apps where appid = ?", String.class, appid))
			.isEqualTo("Mine");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "\"x\"", "{}", "{\"name\":\"\"}", "{\"name\":5}",
			"{\"name\":\"x\",\"appid\":\"a b\"}", "{\"name\":\"x\",\"appid\":\"\"}", "{\"name\":\"x\",\"extra\":1}",
			"{\"name\":\"x\"", "not json" })
	void invalidAppsAre400(String body) {
		assertProblem(admin("POST", "/admin/apps", body), 400);
	}

	@Test
	void userIsCreatedWithEveryFieldAndShownInTheAdminView() {
		String appid = newApp();
		String userId = unique("user");
		Response created = admin("POST", "/admin/users", """
				{"appid":"%s","username":"13800138000","userId":"%s","nickname":"香草作者","bio":"喜欢写角色卡",
				 "profileBgUrl":"https://cdn.example.com/bg.png","statusStickerUrl":"http://cdn.example.com/s.png",
				 "vipLevel":5,"authorLevel":30,"memberUntil":4102444800000,"official":true,"hidePatronIdentity":true,
				 "hideSocialFromPublic":true,"cardCount":8}""".formatted(appid, userId));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode user = created.json();
		assertThat(user.propertyNames()).containsExactly("userId", "appid", "username", "nickname", "bio", "avatarUrl",
				"profileBgUrl", "statusStickerUrl", "vipLevel", "authorLevel", "memberUntil", "official", "banned",
				"hidePatronIdentity", "hideSocialFromPublic", "cardCount", "followerCount", "followingCount",
				"createdAt", "updatedAt");
		assertThat(user.get("userId").stringValue()).isEqualTo(userId);
		assertThat(user.get("nickname").stringValue()).isEqualTo("香草作者");
		assertThat(user.get("avatarUrl").isNull()).isTrue();
		assertThat(user.get("vipLevel").intValue()).isEqualTo(5);
		assertThat(user.get("authorLevel").intValue()).isEqualTo(30);
		assertThat(user.get("memberUntil").longValue()).isEqualTo(4102444800000L);
		assertThat(user.get("official").booleanValue()).isTrue();
		assertThat(user.get("banned").booleanValue()).isFalse();
		assertThat(user.get("followerCount").longValue()).isZero();
		assertThat(user.get("createdAt").longValue()).isEqualTo(user.get("updatedAt").longValue());
		assertThat(admin("GET", "/admin/users/" + userId, null).json()).isEqualTo(user);
	}

	@Test
	void generatedUserIdsMatchTheIdShape() {
		JsonNode user = newUser(newApp(), "someone", null);
		assertThat(user.get("userId").stringValue()).matches("[A-Za-z0-9_-]{1,64}");
		assertThat(user.get("nickname").isNull()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"username\":\"\"", "\"username\":\"   \"", "\"username\":\"a\\u0000b\"",
			"\"username\":\"line\\nbreak\"", "\"username\":12345", "\"nickname\":\"NICK65\"", "\"nickname\":\"\"",
			"\"bio\":\"BIO1001\"", "\"profileBgUrl\":\"ftp://x.example/a.png\"", "\"profileBgUrl\":\"/relative.png\"",
			"\"statusStickerUrl\":\"javascript:alert(1)\"", "\"statusStickerUrl\":\"https://LONGURL\"",
			"\"vipLevel\":31", "\"vipLevel\":-1", "\"vipLevel\":\"5\"", "\"vipLevel\":5.5", "\"authorLevel\":null",
			"\"cardCount\":-1", "\"official\":\"true\"", "\"memberUntil\":-5", "\"memberUntil\":\"soon\"",
			"\"userId\":\"has space\"", "\"userId\":\"ID65\"", "\"userId\":\"export\"", "\"userId\":\"import\"",
			"\"banned\":true", "\"unknownField\":1" })
	void invalidUserFieldsAre400AndCreateNothing(String field) {
		String appid = newApp();
		String member = field.replace("NICK65", "字".repeat(65))
			.replace("BIO1001", "b".repeat(1001))
			.replace("LONGURL", "x".repeat(2048))
			.replace("ID65", "i".repeat(65));
		String body = member.startsWith("\"username\"") ? "{\"appid\":\"" + appid + "\"," + member + "}"
				: "{\"appid\":\"" + appid + "\",\"username\":\"valid\"," + member + "}";

		assertProblem(admin("POST", "/admin/users", body), 400);
		assertThat(this.jdbc.queryForObject("select count(*) from users where appid = ?", Integer.class, appid))
			.isZero();
	}

	@Test
	void refusalsSayWhatIsWrong() {
		String appid = newApp();
		Response surrogate = admin("POST", "/admin/users",
				"{\"appid\":\"" + appid + "\",\"username\":\"valid\",\"nickname\":\"a\\ud800b\"}");
		assertProblem(surrogate, 400);
		assertThat(surrogate.json().get("detail").stringValue())
			.isEqualTo("'nickname' must be Unicode text: it has an unpaired surrogate (\\uD800) or bytes that are "
					+ "not UTF-8.");
		Response huge = admin("POST", "/admin/users",
				"{\"appid\":\"" + appid + "\",\"username\":\"valid\",\"cardCount\":99999999999}");
		assertProblem(huge, 400);
		assertThat(huge.json().get("detail").stringValue())
			.isEqualTo("'cardCount' must be an integer from -2147483648 to 2147483647.");
	}

	@Test
	void limitsAreInclusive() {
		String appid = newApp();
		Response created = admin("POST", "/admin/users", """
				{"appid":"%s","username":"%s","nickname":"%s","bio":"%s","vipLevel":30,"authorLevel":0,
				 "profileBgUrl":"https://example.com/%s"}""".formatted(appid, "😀".repeat(64), "字".repeat(64),
				"b".repeat(1000), "p".repeat(2048 - "https://example.com/".length())));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	@Test
	void missingAppOrUsernameAre400AndUnknownAppIs404() {
		assertProblem(admin("POST", "/admin/users", "{\"username\":\"x\"}"), 400);
		assertProblem(admin("POST", "/admin/users", "{\"appid\":\"" + newApp() + "\"}"), 400);
		assertProblem(admin("POST", "/admin/users", "{\"appid\":\"no_such_app\",\"username\":\"x\"}"), 404);
	}

	@Test
	void duplicateUserIdOrUsernameWithinAnAppAre409ButTheSameUsernameInAnotherAppIsFine() {
		String appid = newApp();
		JsonNode first = newUser(appid, "13800138000", null);
		String userId = first.get("userId").stringValue();

		assertProblem(admin("POST", "/admin/users", "{\"appid\":\"" + appid + "\",\"username\":\"13800138000\"}"), 409);
		assertProblem(admin("POST", "/admin/users",
				"{\"appid\":\"" + appid + "\",\"username\":\"other\",\"userId\":\"" + userId + "\"}"), 409);
		newUser(newApp(), "13800138000", null);

		JsonNode second = newUser(appid, "13900139000", null);
		assertProblem(
				admin("PATCH", "/admin/users/" + second.get("userId").stringValue(), "{\"username\":\"13800138000\"}"),
				409);
	}

	@Test
	void patchChangesWhatItNamesClearsNullsAndKeepsTheRest() throws InterruptedException {
		String appid = newApp();
		JsonNode user = newUser(appid, "patchme",
				"\"nickname\":\"Old\",\"bio\":\"Bio\",\"vipLevel\":3,\"memberUntil\":4102444800000");
		String userId = user.get("userId").stringValue();
		Thread.sleep(5);

		Response patched = admin("PATCH", "/admin/users/" + userId,
				"{\"nickname\":\"New\",\"bio\":null,\"memberUntil\":null,\"banned\":true,\"username\":\"renamed\"}");

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		JsonNode after = patched.json();
		assertThat(after.get("nickname").stringValue()).isEqualTo("New");
		assertThat(after.get("bio").isNull()).isTrue();
		assertThat(after.get("memberUntil").isNull()).isTrue();
		assertThat(after.get("banned").booleanValue()).isTrue();
		assertThat(after.get("username").stringValue()).isEqualTo("renamed");
		assertThat(after.get("vipLevel").intValue()).isEqualTo(3);
		assertThat(after.get("createdAt")).isEqualTo(user.get("createdAt"));
		assertThat(after.get("updatedAt").longValue()).isGreaterThan(user.get("updatedAt").longValue());
	}

	@Test
	void patchCannotChangeIdsAndRefusesInvalidValuesWithoutChangingAnything() {
		String userId = newUser(newApp(), "keepme", "\"nickname\":\"Keep\"").get("userId").stringValue();
		JsonNode before = admin("GET", "/admin/users/" + userId, null).json();

		assertProblem(admin("PATCH", "/admin/users/" + userId, "{\"appid\":\"other\"}"), 400);
		assertProblem(admin("PATCH", "/admin/users/" + userId, "{\"userId\":\"other\"}"), 400);
		assertProblem(admin("PATCH", "/admin/users/" + userId, "{\"nickname\":\"ok\",\"vipLevel\":99}"), 400);
		assertProblem(admin("PATCH", "/admin/users/" + userId, "[]"), 400);

		assertThat(admin("GET", "/admin/users/" + userId, null).json()).isEqualTo(before);
	}

	@Test
	void unknownUsersAre404Everywhere() {
		String known = newUser(newApp(), "known", null).get("userId").stringValue();
		assertProblem(admin("GET", "/admin/users/nobody", null), 404);
		assertProblem(admin("PATCH", "/admin/users/nobody", "{\"nickname\":\"x\"}"), 404);
		assertProblem(admin("DELETE", "/admin/users/nobody/avatar", null), 404);
		assertProblem(admin("PUT", "/admin/users/nobody/following/" + known, null), 404);
		assertProblem(admin("PUT", "/admin/users/" + known + "/following/nobody", null), 404);
		assertProblem(admin("DELETE", "/admin/users/" + known + "/following/nobody", null), 404);
		assertProblem(admin("POST", "/admin/users/nobody/api-keys", null), 404);
		assertProblem(admin("DELETE", "/admin/api-keys/nokey", null), 404);
	}

	@Test
	void apiKeysAreShownOnceStoredAsHashesAndRevocable() {
		String userId = newUser(newApp(), "keyholder", null).get("userId").stringValue();

		Response issued = admin("POST", "/admin/users/" + userId + "/api-keys", null);

		assertThat(issued.status()).isEqualTo(201);
		assertThat(issued.json().propertyNames()).containsExactlyInAnyOrder("id", "token");
		String token = issued.json().get("token").stringValue();
		String id = issued.json().get("id").stringValue();
		assertThat(token).startsWith("fc_").hasSizeGreaterThanOrEqualTo(3 + 43);
		String stored = this.jdbc.queryForObject("select token_hash from api_keys where id = ?", String.class, id);
		assertThat(stored).isEqualTo(dev.facecard.shared.data.Sha256.hex(token)).doesNotContain(token.substring(3));
		assertThat(this.jdbc.queryForObject("select count(*) from api_keys where token_hash like ? or id like ?",
				Integer.class, "%" + token.substring(3) + "%", "%" + token.substring(3) + "%"))
			.isZero();
		assertThat(admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue())
			.isNotEqualTo(token);

		assertThat(admin("DELETE", "/admin/api-keys/" + id, null).status()).isEqualTo(204);
		assertThat(admin("DELETE", "/admin/api-keys/" + id, null).status()).isEqualTo(204);
		assertThat(
				this.jdbc.queryForObject("select revoked_at is not null from api_keys where id = ?", Boolean.class, id))
			.isTrue();
	}

	@Test
	void leaderboardsAreReplacedWholeAndValidated() {
		String appid = newApp();
		String a = newUser(appid, "a", null).get("userId").stringValue();
		String b = newUser(appid, "b", null).get("userId").stringValue();
		String c = newUser(appid, "c", null).get("userId").stringValue();
		long cUpdated = admin("GET", "/admin/users/" + c, null).json().get("updatedAt").longValue();

		Response first = admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[\"" + a + "\",\"" + b + "\"]}");
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().get("board").stringValue()).isEqualTo("author");
		assertThat(first.json().get("userIds").values().stream().map(JsonNode::stringValue)).containsExactly(a, b);

		Response second = admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[\"" + b + "\"]}");
		assertThat(second.status()).isEqualTo(200);
		assertThat(this.jdbc.queryForList(
				"select user_id from leaderboard_entries where board = 'author' order by rank_no", String.class))
			.containsExactly(b);
		assertThat(admin("GET", "/admin/users/" + c, null).json().get("updatedAt").longValue()).isEqualTo(cUpdated);

		String sixteen = "[" + "\"" + a + "\",".repeat(15) + "\"" + a + "\"]";
		assertProblem(admin("PUT", "/admin/leaderboards/author", "{\"userIds\":" + sixteen + "}"), 400);
		assertProblem(admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[\"" + a + "\",\"" + a + "\"]}"), 400);
		assertProblem(admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[\"" + a + "\",\"nobody\"]}"), 400);
		assertProblem(admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[1]}"), 400);
		assertProblem(admin("PUT", "/admin/leaderboards/author", "{}"), 400);
		assertProblem(admin("PUT", "/admin/leaderboards/gold", "{\"userIds\":[]}"), 404);
		assertThat(
				this.jdbc.queryForList("select user_id from leaderboard_entries where board = 'author'", String.class))
			.containsExactly(b);

		assertThat(admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[]}").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("select count(*) from leaderboard_entries where board = 'author'",
				Integer.class))
			.isZero();
	}

	@Test
	void followingOneselfIs400() {
		String userId = newUser(newApp(), "narcissus", null).get("userId").stringValue();
		assertProblem(admin("PUT", "/admin/users/" + userId + "/following/" + userId, null), 400);
	}

	private static String[] concat(String[] headers) {
		String[] all = new String[headers.length + 2];
		System.arraycopy(headers, 0, all, 0, headers.length);
		all[headers.length] = "Content-Type";
		all[headers.length + 1] = "application/json";
		return all;
	}

}
