package dev.facecard.shared.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.facecard.shared.web.PublicPaths;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v3/api-docs} describes the public endpoints as the contracts define them. */
class OpenApiDocumentTest extends IntegrationTest {

	@LocalServerPort
	private int port;

	private JsonNode document;

	@BeforeEach
	void load() {
		this.document = this.http.get("/v3/api-docs").json();
	}

	@Test
	void theDocumentNamesItsServerRelativelyWhateverHostSaysAndTheUisConfigurationIsNeverStored() {
		Response document = evilHost("/v3/api-docs");
		assertThat(document.status()).isEqualTo(200);
		assertThat(document.text()).doesNotContain("evil.example");
		assertThat(this.document.at("/servers/0/url").stringValue()).isEqualTo("/");
		// Swagger UI's configuration follows the Host, and no cache keeps it
		Response uiConfig = evilHost("/v3/api-docs/swagger-config");
		assertThat(uiConfig.status()).isEqualTo(200);
		assertThat(uiConfig.header("Cache-Control")).isEqualTo("no-store");
	}

	private Response evilHost(String path) {
		return new RawHttp(this.port)
			.exchange(("GET " + path + " HTTP/1.1\r\nHost: evil.example:666\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
	}

	@Test
	void getAvatarAnswersJpegBytesOrTheNobaseJsonError() {
		JsonNode operation = this.document.at("/paths/~1api~1user~1get_avatar/get");

		assertThat(names(operation.get("parameters"))).containsExactly("appid", "user", "default", "size");
		assertThat(operation.at("/parameters/1/example").isString()).isTrue();
		assertThat(operation.at("/parameters/1/example").stringValue()).isEqualTo("13800138000");
		assertThat(operation.at("/parameters/3/required").asBoolean(false)).isFalse();
		assertThat(operation.at("/parameters/3/schema/maximum").intValue()).isEqualTo(1024);
		assertThat(operation.at("/parameters/0/required").booleanValue()).isTrue();
		assertThat(operation.at("/responses/200/content/image~1jpeg/schema/format").stringValue()).isEqualTo("binary");
		for (String status : List.of("400", "404", "429", "503")) {
			assertThat(operation.at("/responses/" + status + "/content/application~1json/schema/$ref").stringValue())
				.as(status)
				.endsWith("/AvatarError");
		}
		assertThat(operation.at("/responses/400/content/application~1json/example/code").intValue()).isEqualTo(204);
		JsonNode error = this.document.at("/components/schemas/AvatarError/properties");
		assertThat(error.propertyNames()).containsExactlyInAnyOrder("code", "msg");
		assertThat(operation.has("security")).isFalse();
	}

	@Test
	void avatarsAreDescribedAsJpegOrWebp() {
		assertThat(this.document.at("/paths/~1api~1user~1get_avatar/get/responses/200/content").propertyNames())
			.containsExactly("image/jpeg", "image/webp");
		JsonNode webp = this.document.at("/paths/~1avatars~1{hash}.webp/get");
		assertThat(names(webp.get("parameters"))).containsExactly("hash", "size");
		assertThat(webp.at("/responses/200/content").propertyNames()).containsExactly("image/webp");
		assertThat(webp.at("/responses/304").isMissingNode()).isFalse();
	}

	@Test
	void everyPublicOperationDescribesTheGatesAnswersInItsPathsFormat() {
		JsonNode paths = this.document.get("paths");
		int operations = 0;
		for (String path : paths.propertyNames()) {
			if (!path.startsWith("/api/") && !path.startsWith("/avatars/")) {
				continue;
			}
			boolean avatars = path.equals("/api/user/get_avatar") || path.startsWith("/avatars/");
			for (String method : paths.get(path).propertyNames()) {
				JsonNode responses = paths.get(path).get(method).get("responses");
				// the avatar paths read no key: no 401
				List<String> gate = avatars ? List.of("429", "503") : List.of("401", "429", "503");
				for (String status : gate) {
					String mediaType = avatars ? "application~1json" : "application~1problem+json";
					assertThat(responses.at("/" + status + "/content/" + mediaType + "/schema/$ref").stringValue())
						.as("%s %s %s", method, path, status)
						.endsWith(avatars ? "/AvatarError" : "/ProblemDetail");
				}
				operations++;
			}
		}
		assertThat(operations).isEqualTo(7);
		assertThat(this.document.at("/paths/~1api~1user~1get_avatar/get/responses").propertyNames())
			.doesNotContain("401");
		assertThat(this.document.at("/paths/~1api~1get-public-user-profiles/post/responses").propertyNames())
			.contains("408", "413");
	}

	/**
	 * One rule for every error answer of every operation, the admin API's included: the
	 * path's format only, never springdoc's guess from the method's return type.
	 */
	@Test
	void everyErrorAnswerIsInItsPathsFormatAndNothingElse() {
		JsonNode paths = this.document.get("paths");
		int errors = 0;
		for (String path : paths.propertyNames()) {
			boolean avatars = PublicPaths.servesAvatars(path);
			for (String method : paths.get(path).propertyNames()) {
				JsonNode responses = paths.get(path).get(method).get("responses");
				for (String status : responses.propertyNames()) {
					assertThat(status).as("%s %s: a status code, not a range", method, path).matches("[1-5][0-9][0-9]");
					if (Integer.parseInt(status) < 400) {
						continue;
					}
					JsonNode content = responses.get(status).get("content");
					String what = method + " " + path + " " + status;
					assertThat(content.propertyNames()).as(what)
						.containsExactly(avatars ? "application/json" : "application/problem+json");
					assertThat(
							content.at((avatars ? "/application~1json" : "/application~1problem+json") + "/schema/$ref")
								.stringValue())
						.as(what)
						.endsWith(avatars ? "/AvatarError" : "/ProblemDetail");
					if (avatars) {
						int code = content.at("/application~1json/example/code").intValue();
						assertThat(code).as(what).isEqualTo(status.equals("400") ? 204 : Integer.parseInt(status));
					}
					errors++;
				}
			}
		}
		assertThat(errors).as("error answers seen, the admin API's included").isGreaterThan(50);
		assertThat(this.document.at("/components/schemas/ProblemDetail/properties").propertyNames()).contains("type",
				"title", "status", "detail", "instance");
	}

	@Test
	void publicProfileHasTheContractsNullableAndOptionalFields() {
		JsonNode schema = this.document.at("/components/schemas/PublicProfile");

		List<String> required = new ArrayList<>();
		schema.get("required").values().forEach(name -> required.add(name.stringValue()));
		assertThat(required).containsExactlyInAnyOrder("userId", "nickname", "avatarUrl", "profileBgUrl", "bio",
				"statusStickerUrl", "createdAt", "updatedAt", "authorLevel", "followerCount", "followingCount",
				"cardCount");
		for (String nullable : List.of("nickname", "avatarUrl", "profileBgUrl", "bio", "statusStickerUrl")) {
			assertThat(schema.at("/properties/" + nullable + "/type").toString()).as(nullable)
				.isEqualTo("[\"string\",\"null\"]");
		}
		assertThat(schema.at("/properties/userId/type").stringValue()).isEqualTo("string");
		assertThat(schema.get("properties").propertyNames()).contains("vipLevel", "isMember", "isOfficial",
				"topAuthorRank", "topVipRank", "isFollowing", "hideSocialFromPublic");
	}

	@Test
	void profileEndpointTakesAnOptionalBearerKeyAndDocumentsItsErrors() {
		JsonNode operation = this.document.at("/paths/~1api~1get-public-user-profile/post");

		assertThat(operation.get("security").toString()).isEqualTo("[{},{\"apiKey\":[]}]");
		assertThat(this.document.at("/components/securitySchemes/apiKey/scheme").stringValue()).isEqualTo("bearer");
		assertThat(operation.at("/requestBody/content/application~1json/schema/$ref").stringValue())
			.endsWith("/GetPublicUserProfileRequest");
		assertThat(operation.at("/responses/200/content/application~1json/schema/$ref").stringValue())
			.endsWith("/PublicProfile");
		for (String status : List.of("400", "401", "404", "429", "503")) {
			assertThat(operation.at("/responses/" + status + "/content").has("application/problem+json")).as(status)
				.isTrue();
		}
	}

	@Test
	void theBatchAndGetFormsAreDocumented() {
		JsonNode batch = this.document.at("/paths/~1api~1get-public-user-profiles/post");
		assertThat(batch.at("/requestBody/content/application~1json/schema/$ref").stringValue())
			.endsWith("/GetPublicUserProfilesRequest");
		assertThat(this.document.at("/components/schemas/GetPublicUserProfilesRequest/properties/userIds/maxItems")
			.intValue()).isEqualTo(100);
		assertThat(batch.get("security").toString()).isEqualTo("[{},{\"apiKey\":[]}]");
		assertThat(batch.at("/responses/503/description").stringValue()).contains("too many profile or key lookups");
		assertThat(this.document.at("/paths/~1api~1get-user-profile/post/responses/503/description").stringValue())
			.contains("too many profile or key lookups");
		assertThat(this.document.at("/paths/~1api~1user~1get_avatar/get/responses/503/description").stringValue())
			.contains("too many lookups");
		assertThat(batch.at("/description").stringValue()).contains("per 10 ids");
		JsonNode get = this.document.at("/paths/~1api~1get-public-user-profile/get");
		assertThat(names(get.get("parameters"))).containsExactly("userId");
		assertThat(get.at("/parameters/0/example").stringValue()).isEqualTo("user_001");
		assertThat(get.at("/responses").has("304")).isTrue();
		assertThat(this.document.at("/paths/~1api~1user~1get_avatar/get/parameters/2/example").stringValue())
			.isEqualTo("identicon");
	}

	@Test
	void theAdminApiHasItsOwnTagAndToken() {
		JsonNode createUser = this.document.at("/paths/~1admin~1users/post");

		assertThat(createUser.get("tags").toString()).isEqualTo("[\"Admin\"]");
		assertThat(createUser.get("security").toString()).isEqualTo("[{\"adminToken\":[]},{\"appCredential\":[]}]");
		assertThat(createUser.get("responses").propertyNames()).contains("401", "408", "413", "415", "429");
		assertThat(this.document.at("/paths/~1admin~1users~1{userId}/get/responses").propertyNames())
			.contains("401", "429")
			.doesNotContain("408", "413");
		assertThat(this.document.at("/paths/~1api~1user~1get_avatar/get/tags").toString()).isEqualTo("[\"Avatars\"]");
		assertThat(this.http.get("/swagger-ui.html").status()).isIn(200, 302);
	}

	@Test
	void theOwnProfileNeedsAnApiKeyAndHasItsExactSchema() {
		JsonNode operation = this.document.at("/paths/~1api~1get-user-profile/post");

		assertThat(operation.get("security").toString()).isEqualTo("[{\"apiKey\":[]}]");
		assertThat(operation.get("tags").toString()).isEqualTo("[\"Profiles\"]");
		assertThat(operation.at("/requestBody/required").asBoolean(false)).isFalse();
		assertThat(operation.at("/requestBody/content/application~1json/schema/$ref").stringValue())
			.endsWith("/GetUserProfileRequest");
		assertThat(this.document.at("/components/schemas/GetUserProfileRequest/additionalProperties").booleanValue())
			.isFalse();
		assertThat(operation.at("/responses/200/content/application~1json/schema/$ref").stringValue())
			.endsWith("/UserProfile");
		assertThat(operation.at("/responses/401/description").stringValue()).startsWith("No Authorization");
		for (String status : List.of("400", "401", "429", "503")) {
			assertThat(operation.at("/responses/" + status + "/content").has("application/problem+json")).as(status)
				.isTrue();
		}
		JsonNode schema = this.document.at("/components/schemas/UserProfile");
		assertThat(schema.get("properties").propertyNames()).containsExactly("userId", "username", "appid", "nickname",
				"avatarUrl", "profileBgUrl", "bio", "statusStickerUrl", "createdAt", "updatedAt", "vipLevel",
				"authorLevel", "isMember", "memberUntil", "isOfficial", "followerCount", "followingCount", "cardCount",
				"topAuthorRank", "topVipRank", "hidePatronIdentity", "hideSocialFromPublic");
		List<String> required = new ArrayList<>();
		schema.get("required").values().forEach(name -> required.add(name.stringValue()));
		assertThat(required).containsExactlyInAnyOrder("userId", "username", "appid", "nickname", "avatarUrl",
				"profileBgUrl", "bio", "statusStickerUrl", "createdAt", "updatedAt", "vipLevel", "authorLevel",
				"isMember", "memberUntil", "isOfficial", "followerCount", "followingCount", "cardCount",
				"hidePatronIdentity", "hideSocialFromPublic");
		for (String flag : List.of("isMember", "isOfficial", "hidePatronIdentity", "hideSocialFromPublic")) {
			assertThat(schema.at("/properties/" + flag + "/type").stringValue()).as(flag).isEqualTo("boolean");
		}
		assertThat(schema.at("/properties/memberUntil/type").toString()).isEqualTo("[\"integer\",\"null\"]");
		assertThat(schema.at("/properties/isFollowing").isMissingNode()).isTrue();
	}

	@Test
	void appCredentialsReachAppDataAndThePlatformsCallsSay403() {
		assertThat(this.document.at("/components/securitySchemes/appCredential/scheme").stringValue())
			.isEqualTo("bearer");
		for (String appCall : List.of("/paths/~1admin~1users/post", "/paths/~1admin~1users~1{userId}/get",
				"/paths/~1admin~1users~1{userId}/patch", "/paths/~1admin~1users~1{userId}~1avatar/put",
				"/paths/~1admin~1users~1{userId}~1avatar/delete", "/paths/~1admin~1users~1{userId}~1api-keys/post",
				"/paths/~1admin~1api-keys~1{id}/delete",
				"/paths/~1admin~1users~1{userId}~1following~1{targetUserId}/put",
				"/paths/~1admin~1users~1{userId}~1following~1{targetUserId}/delete")) {
			JsonNode operation = this.document.at(appCall);
			assertThat(operation.get("security").toString()).as(appCall)
				.isEqualTo("[{\"adminToken\":[]},{\"appCredential\":[]}]");
			assertThat(operation.get("responses").has("403")).as(appCall).isFalse();
		}
		for (String platformCall : List.of("/paths/~1admin~1apps/post", "/paths/~1admin~1leaderboards~1{board}/put",
				"/paths/~1admin~1leaderboards~1{board}/get", "/paths/~1admin~1apps~1{appid}~1credentials/post",
				"/paths/~1admin~1apps~1{appid}~1credentials/get",
				"/paths/~1admin~1apps~1{appid}~1credentials~1{id}/delete")) {
			JsonNode operation = this.document.at(platformCall);
			assertThat(operation.get("security").toString()).as(platformCall).isEqualTo("[{\"adminToken\":[]}]");
			assertThat(operation.at("/responses/403/content/application~1problem+json/schema/$ref").stringValue())
				.as(platformCall)
				.endsWith("/ProblemDetail");
		}
		// the caller's scope is the gate's to set, not a parameter anyone sends
		assertThat(names(this.document.at("/paths/~1admin~1users~1{userId}/get/parameters"))).containsExactly("userId");
		assertThat(this.document.at("/paths/~1admin~1users/post/parameters").isMissingNode()).isTrue();
		JsonNode listed = this.document.at("/components/schemas/AppCredentialView");
		assertThat(listed.get("properties").propertyNames()).containsExactly("id", "createdAt", "revokedAt");
	}

	@Test
	void theAdminListingsArePagesTakingLimitAndCursor() {
		for (String path : List.of("/admin/apps", "/admin/users", "/admin/users/{userId}/api-keys",
				"/admin/leaderboards/{board}")) {
			JsonNode operation = this.document.at("/paths/" + path.replace("/", "~1") + "/get");
			// the boards rank every app's users: the platform's alone
			assertThat(operation.get("security").toString()).as(path)
				.isEqualTo(path.startsWith("/admin/leaderboards") ? "[{\"adminToken\":[]}]"
						: "[{\"adminToken\":[]},{\"appCredential\":[]}]");
			assertThat(names(operation.get("parameters"))).as(path).contains("limit", "cursor");
			for (JsonNode parameter : operation.get("parameters").values()) {
				if (parameter.get("name").stringValue().equals("limit")) {
					assertThat(parameter.at("/schema/minimum").intValue()).isEqualTo(1);
					assertThat(parameter.at("/schema/maximum").intValue()).isEqualTo(1000);
					assertThat(parameter.at("/schema/default").intValue()).isEqualTo(100);
				}
			}
			// the admin API answers JSON to any Accept, as its other calls do
			String page = operation.at("/responses/200/content/*~1*/schema/$ref").asString(null);
			assertThat(page).as(operation.toString()).isNotNull();
			JsonNode schema = this.document.at("/components/schemas/" + page.substring(page.lastIndexOf('/') + 1));
			assertThat(schema.get("properties").propertyNames()).as(path)
				.containsExactlyInAnyOrder("items", "nextCursor");
			assertThat(operation.at("/responses/400/content").has("application/problem+json")).as(path).isTrue();
			assertThat(operation.get("responses").propertyNames()).as(path).contains("401", "429");
		}
		JsonNode users = this.document.at("/paths/~1admin~1users/get");
		assertThat(names(users.get("parameters"))).containsExactlyInAnyOrder("appid", "username", "limit", "cursor");
		assertThat(users.at("/responses").has("404")).isTrue();
		assertThat(this.document.at("/components/schemas/ApiKeyView/properties").propertyNames())
			.containsExactlyInAnyOrder("id", "createdAt", "revokedAt", "lastUsedAt");
	}

	private static List<String> names(JsonNode parameters) {
		List<String> names = new ArrayList<>();
		parameters.values().forEach(parameter -> names.add(parameter.get("name").stringValue()));
		return names;
	}

}
