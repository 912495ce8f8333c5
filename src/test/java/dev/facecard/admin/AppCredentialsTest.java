package dev.facecard.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.facecard.shared.data.Sha256;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials per app over HTTP on PostgreSQL: issued, listed and revoked by the
 * platform; each reaching its own app's users and nothing else. Every kind of admin call
 * is made by every kind of caller: the platform admin token, a credential of the data's
 * app, one of another app, a revoked one, and made-up ones.
 */
class AppCredentialsTest extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	/** The app whose data the calls address. */
	private String app;

	private String otherApp;

	private String ownCredential;

	private String otherCredential;

	private String revokedCredential;

	@BeforeEach
	void credentials() {
		this.app = newApp();
		this.otherApp = newApp();
		this.ownCredential = issue(this.app).get("token").stringValue();
		this.otherCredential = issue(this.otherApp).get("token").stringValue();
		JsonNode revoked = issue(this.app);
		this.revokedCredential = revoked.get("token").stringValue();
		// known to work first, so that the revocation has a cached answer to evict
		assertThat(as(this.revokedCredential, "GET", "/admin/users/nobody", null).status()).isEqualTo(404);
		assertThat(admin("DELETE", credentials(this.app) + "/" + revoked.get("id").stringValue(), null).status())
			.isEqualTo(204);
	}

	/** Who calls: each kind of bearer credential the admin API may be sent. */
	enum Caller {

		PLATFORM, OWN_APP, OTHER_APP, REVOKED, MADE_UP

	}

	/** The calls on one app's data that its credential may make. */
	enum AppCall {

		CREATE_USER(201), GET_USER(200), PATCH_USER(200), BAN_USER(200), UPLOAD_AVATAR(200), DELETE_AVATAR(204),
		ISSUE_API_KEY(201), REVOKE_API_KEY(204), FOLLOW(204), UNFOLLOW(204), LIST_USERS(200), LIST_API_KEYS(200);

		final int success;

		AppCall(int success) {
			this.success = success;
		}

	}

	/** The platform's calls: no app credential may make them. */
	enum PlatformCall {

		CREATE_APP(201), REPLACE_LEADERBOARD(200), GET_LEADERBOARD(200), ISSUE_CREDENTIAL(201),
		ISSUE_OTHER_APPS_CREDENTIAL(201), LIST_CREDENTIALS(200), REVOKE_CREDENTIAL(204);

		final int success;

		PlatformCall(int success) {
			this.success = success;
		}

	}

	@ParameterizedTest
	@EnumSource(AppCall.class)
	void appDataIsReachedByThePlatformAndItsOwnAppOnly(AppCall call) {
		for (Caller caller : Caller.values()) {
			Target target = target(this.app, call);
			State before = state(target);

			Response response = call(call, bearer(caller), target);

			switch (caller) {
				case PLATFORM, OWN_APP ->
					assertThat(response.status()).as("%s by %s: %s", call, caller, response).isEqualTo(call.success);
				case OTHER_APP -> {
					// exactly what the platform hears for ids that were never made
					Target unknown = new Target(unique("no_app"), unique("nobody"), unique("nobody"), unique("no_key"));
					Response notFound = call(call, ADMIN_TOKEN, unknown);
					assertProblem(response, 404);
					assertThat(withoutIds(response.json(), target)).as("%s by %s", call, caller)
						.isEqualTo(withoutIds(notFound.json(), unknown));
					assertThat(state(target)).as("%s by %s", call, caller).isEqualTo(before);
				}
				case REVOKED, MADE_UP -> {
					assertProblem(response, 401);
					assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
					assertThat(state(target)).as("%s by %s", call, caller).isEqualTo(before);
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(PlatformCall.class)
	void platformCallsAreThePlatformsOnly(PlatformCall call) {
		for (Caller caller : Caller.values()) {
			String spareCredential = issue(this.app).get("id").stringValue();
			int apps = this.jdbc.queryForObject("select count(*) from apps", Integer.class);
			int credentials = this.jdbc.queryForObject("select count(*) from app_credentials where revoked_at is null",
					Integer.class);

			Response response = call(call, bearer(caller), spareCredential);

			switch (caller) {
				case PLATFORM -> assertThat(response.status()).as("%s: %s", call, response).isEqualTo(call.success);
				case OWN_APP, OTHER_APP -> {
					assertProblem(response, 403);
					assertThat(this.jdbc.queryForObject("select count(*) from apps", Integer.class)).isEqualTo(apps);
					assertThat(this.jdbc.queryForObject("select count(*) from app_credentials where revoked_at is null",
							Integer.class))
						.isEqualTo(credentials);
				}
				case REVOKED, MADE_UP -> {
					assertProblem(response, 401);
					assertThat(this.jdbc.queryForObject("select count(*) from apps", Integer.class)).isEqualTo(apps);
				}
			}
		}
	}

	@Test
	void anAppCredentialListsItsOwnAppAndItsOwnUsersOnly() {
		String own = newUser(this.app, "listed", null).get("userId").stringValue();
		String foreign = newUser(this.otherApp, "unlisted", null).get("userId").stringValue();
		admin("POST", "/admin/users/" + foreign + "/api-keys", null);

		Response apps = as(this.ownCredential, "GET", "/admin/apps?limit=1000", null);
		assertThat(apps.status()).as(apps.toString()).isEqualTo(200);
		assertThat(apps.json().get("items").values()).singleElement()
			.satisfies(item -> assertThat(item.get("appid").stringValue()).isEqualTo(this.app));
		assertThat(apps.json().get("nextCursor").isNull()).isTrue();
		assertThat(as(ADMIN_TOKEN, "GET", "/admin/apps?limit=1", null).json().get("nextCursor").isNull()).isFalse();

		Response users = as(this.ownCredential, "GET", "/admin/users?appid=" + this.app, null);
		assertThat(users.json().get("items").values()).singleElement()
			.satisfies(item -> assertThat(item.get("userId").stringValue()).isEqualTo(own));
		Response foreignUsers = as(this.ownCredential, "GET",
				"/admin/users?appid=" + this.otherApp + "&username=unlisted", null);
		Response unknownUsers = as(this.ownCredential, "GET", "/admin/users?appid=no_such_app&username=unlisted", null);
		assertProblem(foreignUsers, 404);
		assertThat(foreignUsers.json().get("detail").stringValue().replace(this.otherApp, "<id>"))
			.isEqualTo(unknownUsers.json().get("detail").stringValue().replace("no_such_app", "<id>"));

		Response foreignKeys = as(this.ownCredential, "GET", "/admin/users/" + foreign + "/api-keys", null);
		Response unknownKeys = as(this.ownCredential, "GET", "/admin/users/nobody/api-keys", null);
		assertProblem(foreignKeys, 404);
		assertThat(foreignKeys.json().get("detail").stringValue().replace(foreign, "<id>"))
			.isEqualTo(unknownKeys.json().get("detail").stringValue().replace("nobody", "<id>"));
		assertThat(foreignKeys.text()).doesNotContain("createdAt");
		assertThat(as(ADMIN_TOKEN, "GET", "/admin/users/" + foreign + "/api-keys", null).json().get("items").size())
			.isEqualTo(1);
	}

	@Test
	void platformCallsAre403BeforeTheirBodyIsRead() {
		assertProblem(as(this.ownCredential, "POST", "/admin/apps", "not json"), 403);
		assertProblem(as(this.ownCredential, "PUT", "/admin/leaderboards/author", "{\"userIds\":[1]}"), 403);
		assertProblem(as(this.ownCredential, "PUT", "/admin/leaderboards/gold", "{}"), 403);
		assertProblem(as(this.ownCredential, "POST", credentials("no_such_app"), null), 403);
	}

	@Test
	void aFollowBetweenOwnAndAnotherAppsUserIsLikeOneWithNobody() {
		String own = newUser(this.app, "own", null).get("userId").stringValue();
		String foreign = newUser(this.otherApp, "foreign", null).get("userId").stringValue();
		String nobody = unique("nobody");
		for (String method : List.of("PUT", "DELETE")) {
			for (String[] pair : List.of(new String[] { own, foreign }, new String[] { foreign, own })) {
				Response refused = as(this.ownCredential, method, follow(pair[0], pair[1]), null);
				String[] unknownPair = pair[0].equals(own) ? new String[] { own, nobody }
						: new String[] { nobody, own };
				Response notFound = as(this.ownCredential, method, follow(unknownPair[0], unknownPair[1]), null);
				assertProblem(refused, 404);
				assertThat(refused.json().get("detail").stringValue().replace(foreign, "<id>"))
					.isEqualTo(notFound.json().get("detail").stringValue().replace(nobody, "<id>"));
			}
		}
		assertThat(this.jdbc.queryForObject("select count(*) from follows where follower_id in (?, ?)", Integer.class,
				own, foreign))
			.isZero();
	}

	@Test
	void anInvalidPatchOfAnotherAppsUserIsRefusedLikeOneOfNobody() {
		String foreign = newUser(this.otherApp, "foreign", null).get("userId").stringValue();
		assertProblem(as(this.ownCredential, "PATCH", "/admin/users/" + foreign, "{\"vipLevel\":99}"), 400);
		assertProblem(as(this.ownCredential, "PATCH", "/admin/users/nobody", "{\"vipLevel\":99}"), 400);
		assertProblem(as(this.ownCredential, "POST", "/admin/users", "{\"appid\":\"" + this.otherApp + "\"}"), 400);
	}

	@Test
	void credentialsAreShownOnceAndStoredAsHashes() {
		Response issued = admin("POST", credentials(this.app), null);

		assertThat(issued.status()).isEqualTo(201);
		assertThat(issued.header("Cache-Control")).contains("no-store");
		assertThat(issued.json().propertyNames()).containsExactlyInAnyOrder("id", "token");
		String id = issued.json().get("id").stringValue();
		String token = issued.json().get("token").stringValue();
		assertThat(token).matches("fcapp_[A-Za-z0-9_-]{43}");
		assertThat(id).matches("[A-Za-z0-9_-]{1,64}").doesNotContain(token.substring(6));
		assertThat(this.jdbc.queryForObject("select token_hash from app_credentials where id = ?", String.class, id))
			.isEqualTo(Sha256.hex(token));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from app_credentials where token_hash like ? or id like ? or appid like ?",
				Integer.class, "%" + token.substring(6) + "%", "%" + token.substring(6) + "%",
				"%" + token.substring(6) + "%"))
			.isZero();
		assertThat(issue(this.app).get("token").stringValue()).isNotEqualTo(token);
	}

	@Test
	void credentialsAreListedOldestFirstWithoutSecretsAndRevokedAtOnce() {
		String appid = newApp();
		JsonNode first = issue(appid);
		JsonNode second = issue(appid);
		String secondToken = second.get("token").stringValue();
		assertThat(as(secondToken, "GET", "/admin/users/nobody", null).status()).isEqualTo(404);

		assertThat(admin("DELETE", credentials(appid) + "/" + second.get("id").stringValue(), null).status())
			.isEqualTo(204);
		assertProblem(as(secondToken, "GET", "/admin/users/nobody", null), 401);
		assertThat(admin("DELETE", credentials(appid) + "/" + second.get("id").stringValue(), null).status())
			.isEqualTo(204);
		Response listed = admin("GET", credentials(appid), null);

		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json().propertyNames()).containsExactly("items");
		List<JsonNode> items = new ArrayList<>(listed.json().get("items").values());
		assertThat(items).hasSize(2);
		for (JsonNode item : items) {
			assertThat(item.propertyNames()).containsExactly("id", "createdAt", "revokedAt");
		}
		assertThat(items.get(0).get("id")).isEqualTo(first.get("id"));
		assertThat(items.get(0).get("revokedAt").isNull()).isTrue();
		assertThat(items.get(1).get("id")).isEqualTo(second.get("id"));
		assertThat(items.get(1).get("revokedAt").longValue())
			.isGreaterThanOrEqualTo(items.get(1).get("createdAt").longValue());
		for (JsonNode issued : List.of(first, second)) {
			String token = issued.get("token").stringValue();
			assertThat(listed.text()).doesNotContain(token.substring(6)).doesNotContain(Sha256.hex(token));
		}
		assertThat(as(first.get("token").stringValue(), "GET", "/admin/users/nobody", null).status()).isEqualTo(404);
	}

	@Test
	void unknownAppsAndCredentialsOfOtherAppsAre404() {
		String otherId = issue(this.otherApp).get("id").stringValue();
		assertProblem(admin("POST", credentials("no_such_app"), null), 404);
		assertProblem(admin("GET", credentials("no_such_app"), null), 404);
		assertProblem(admin("DELETE", credentials("no_such_app") + "/" + otherId, null), 404);
		assertProblem(admin("DELETE", credentials(this.app) + "/no_such_credential", null), 404);
		assertProblem(admin("DELETE", credentials(this.app) + "/" + otherId, null), 404);
		assertThat(this.jdbc.queryForObject("select revoked_at is null from app_credentials where id = ?",
				Boolean.class, otherId))
			.isTrue();
	}

	@Test
	void credentialsAndApiKeysAreNotEachOther() {
		String userId = newUser(this.app, "keyholder", null).get("userId").stringValue();
		String apiKey = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();

		assertProblem(as(apiKey, "GET", "/admin/users/" + userId, null), 401);
		assertProblem(
				this.http.send("POST", "/api/get-user-profile", null, "Authorization", "Bearer " + this.ownCredential),
				401);
		assertProblem(this.http.send("POST", "/api/get-public-user-profile",
				("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/json", "Authorization", "Bearer " + this.ownCredential), 401);
	}

	@Test
	void malformedCredentialsAre401() {
		String userId = newUser(this.app, "target", null).get("userId").stringValue();
		for (String authorization : List.of("Bearer " + this.ownCredential + "x",
				"Bearer " + this.ownCredential.substring(0, this.ownCredential.length() - 1),
				"Bearer fcapp_" + "A".repeat(43), "Bearer FCAPP_" + this.ownCredential.substring(6),
				"Basic " + this.ownCredential, this.ownCredential, "Bearer " + this.ownCredential + " x")) {
			Response response = this.http.send("GET", "/admin/users/" + userId, null, "Authorization", authorization);
			assertProblem(response, 401);
		}
		assertThat(this.http
			.send("GET", "/admin/users/" + userId, null, "Authorization", "bearer  " + this.ownCredential + " ")
			.status()).isEqualTo(200);
	}

	@Test
	void anAppCredentialCreatesUsersInItsOwnAppOnly() {
		Response created = as(this.ownCredential, "POST", "/admin/users",
				"{\"appid\":\"" + this.app + "\",\"username\":\"mine\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("appid").stringValue()).isEqualTo(this.app);

		Response refused = as(this.ownCredential, "POST", "/admin/users",
				"{\"appid\":\"" + this.otherApp + "\",\"username\":\"theirs\"}");
		Response unknown = as(this.ownCredential, "POST", "/admin/users",
				"{\"appid\":\"no_such_app\",\"username\":\"theirs\"}");
		assertProblem(refused, 404);
		assertThat(refused.json().get("detail").stringValue().replace(this.otherApp, "<id>"))
			.isEqualTo(unknown.json().get("detail").stringValue().replace("no_such_app", "<id>"));
		assertThat(this.jdbc.queryForObject("select count(*) from users where appid = ?", Integer.class, this.otherApp))
			.isZero();
	}

	/** The ids a call on app data names. */
	private record Target(String appid, String userId, String peerId, String apiKeyId) {
	}

	/**
	 * Fresh users of {@code appid} (made by the platform), set up so that {@code call}
	 * can succeed: a key to revoke, an avatar to delete, a follow to remove.
	 */
	private Target target(String appid, AppCall call) {
		String userId = newUser(appid, unique("u"), null).get("userId").stringValue();
		String peerId = newUser(appid, unique("p"), null).get("userId").stringValue();
		String keyId = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("id").stringValue();
		if (call == AppCall.DELETE_AVATAR) {
			assertThat(uploadAvatar(userId, "image/png", png()).status()).isEqualTo(200);
		}
		if (call == AppCall.UNFOLLOW) {
			assertThat(admin("PUT", follow(userId, peerId), null).status()).isEqualTo(204);
		}
		return new Target(appid, userId, peerId, keyId);
	}

	private Response call(AppCall call, String bearer, Target target) {
		String user = "/admin/users/" + target.userId();
		return switch (call) {
			case CREATE_USER -> as(bearer, "POST", "/admin/users",
					"{\"appid\":\"" + target.appid() + "\",\"username\":\"" + unique("new") + "\"}");
			case GET_USER -> as(bearer, "GET", user, null);
			case PATCH_USER -> as(bearer, "PATCH", user, "{\"nickname\":\"Changed\"}");
			case BAN_USER -> as(bearer, "PATCH", user, "{\"banned\":true}");
			case UPLOAD_AVATAR -> this.http.send("PUT", user + "/avatar", png(), "Authorization", "Bearer " + bearer,
					"Content-Type", "image/png");
			case DELETE_AVATAR -> as(bearer, "DELETE", user + "/avatar", null);
			case ISSUE_API_KEY -> as(bearer, "POST", user + "/api-keys", null);
			case REVOKE_API_KEY -> as(bearer, "DELETE", "/admin/api-keys/" + target.apiKeyId(), null);
			case FOLLOW -> as(bearer, "PUT", follow(target.userId(), target.peerId()), null);
			case UNFOLLOW -> as(bearer, "DELETE", follow(target.userId(), target.peerId()), null);
			case LIST_USERS -> as(bearer, "GET", "/admin/users?appid=" + target.appid(), null);
			case LIST_API_KEYS -> as(bearer, "GET", user + "/api-keys", null);
		};
	}

	/**
	 * @param spareCredential a credential of the app that may be revoked
	 */
	private Response call(PlatformCall call, String bearer, String spareCredential) {
		return switch (call) {
			case CREATE_APP -> as(bearer, "POST", "/admin/apps", "{\"name\":\"Not an app's to make\"}");
			case REPLACE_LEADERBOARD ->
				as(bearer, "PUT", "/admin/leaderboards/vip", "{\"userIds\":" + boardUserIds("vip") + "}");
			case GET_LEADERBOARD -> as(bearer, "GET", "/admin/leaderboards/author", null);
			case ISSUE_CREDENTIAL -> as(bearer, "POST", credentials(this.app), null);
			case ISSUE_OTHER_APPS_CREDENTIAL -> as(bearer, "POST", credentials(this.otherApp), null);
			case LIST_CREDENTIALS -> as(bearer, "GET", credentials(this.app), null);
			case REVOKE_CREDENTIAL -> as(bearer, "DELETE", credentials(this.app) + "/" + spareCredential, null);
		};
	}

	/** What a refused call must leave as it was. */
	private record State(JsonNode user, List<String> activeKeys, List<String> following, int usersOfApp) {
	}

	private State state(Target target) {
		return new State(admin("GET", "/admin/users/" + target.userId(), null).json(),
				this.jdbc.queryForList("select id from api_keys where user_id = ? and revoked_at is null order by id",
						String.class, target.userId()),
				this.jdbc.queryForList("select followee_id from follows where follower_id = ? order by followee_id",
						String.class, target.userId()),
				this.jdbc.queryForObject("select count(*) from users where appid = ?", Integer.class, target.appid()));
	}

	/** A problem with the ids of {@code target} in its detail made anonymous. */
	private static String withoutIds(JsonNode problem, Target target) {
		String detail = problem.get("detail").stringValue();
		for (String id : List.of(target.appid(), target.userId(), target.peerId(), target.apiKeyId())) {
			detail = detail.replace(id, "<id>");
		}
		return problem.get("status").intValue() + " " + problem.get("title").stringValue() + " " + detail;
	}

	private String bearer(Caller caller) {
		return switch (caller) {
			case PLATFORM -> ADMIN_TOKEN;
			case OWN_APP -> this.ownCredential;
			case OTHER_APP -> this.otherCredential;
			case REVOKED -> this.revokedCredential;
			case MADE_UP -> "fcapp_" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
		};
	}

	private JsonNode issue(String appid) {
		Response issued = admin("POST", credentials(appid), null);
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		return issued.json();
	}

	private Response as(String bearer, String method, String path, String json) {
		return this.http.send(method, path, (json != null) ? json.getBytes(StandardCharsets.UTF_8) : null,
				"Authorization", "Bearer " + bearer, "Content-Type", "application/json");
	}

	private static String credentials(String appid) {
		return "/admin/apps/" + appid + "/credentials";
	}

	private static String follow(String userId, String targetUserId) {
		return "/admin/users/" + userId + "/following/" + targetUserId;
	}

	private static byte[] png() {
		return TestImages.encode(TestImages.noise(16, 16, 7), "png");
	}

}
