package dev.facecard.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import static dev.facecard.hostile.Hostile.below;
import static dev.facecard.hostile.Hostile.between;
import static dev.facecard.hostile.Hostile.chance;
import static dev.facecard.hostile.Hostile.gen;
import static dev.facecard.hostile.Hostile.pick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based: the admin API, at least {@value #TRIES} generated requests per
 * endpoint. Without the admin token every request is a 401; with it, every malformed
 * request (body, content type, size, ids) is a 4xx. None is a 5xx or shows anything of
 * the inside, and the stored data is the same after each property.
 */
class AdminApiPropertyTest extends HostilePropertyTest {

	private static Fixture fixture;

	/**
	 * An app; user A (with an avatar and an API key) follows B; C follows nobody;
	 * {@code nobody} is an id no user has; a credential of another app. The generators
	 * never send a valid change to these: only refused ones, and changes that are no-ops.
	 */
	record Fixture(String appid, String a, String b, String c, String nobody, byte[] image, String apiKeyId,
			String otherAppsCredential) {

		List<String> users() {
			return List.of(this.a, this.b, this.c);
		}

	}

	@BeforeEach
	void fixture() {
		if (fixture != null) {
			return;
		}
		String appid = newApp();
		String a = newUser(appid, "alice", null).get("userId").stringValue();
		String b = newUser(appid, "bob", null).get("userId").stringValue();
		String c = newUser(appid, "carol", null).get("userId").stringValue();
		byte[] image = TestImages.encode(TestImages.noise(20, 20, 11), "png");
		assertThat(uploadAvatar(a, "image/png", image).status()).isEqualTo(200);
		assertThat(admin("PUT", "/admin/users/" + a + "/following/" + b, null).status()).isEqualTo(204);
		Response key = admin("POST", "/admin/users/" + a + "/api-keys", null);
		assertThat(key.status()).isEqualTo(201);
		Response credential = admin("POST", "/admin/apps/" + newApp() + "/credentials", null);
		assertThat(credential.status()).isEqualTo(201);
		fixture = new Fixture(appid, a, b, c, "nobody_" + UUID.randomUUID().toString().substring(0, 8), image,
				key.json().get("id").stringValue(), credential.json().get("token").stringValue());
	}

	/**
	 * Any endpoint, any method, any body, even a valid one: without the right token, 401
	 * and nothing else.
	 */
	@Test
	void withoutTheAdminTokenEverythingIs401() {
		holds(gen(in -> {
			String user = pick(in, fixture.users());
			String path = pick(in,
					List.of("/admin/apps", "/admin/users", "/admin/users/" + user, "/admin/users/" + user + "/avatar",
							"/admin/users/" + user + "/api-keys", "/admin/users/" + user + "/following/" + fixture.c(),
							"/admin/api-keys/" + badId(in), "/admin/leaderboards/author", "/admin/leaderboards/vip",
							"/admin/z" + badId(in), "/admin", "/admin/users/" + badId(in),
							"/admin/apps/" + fixture.appid() + "/credentials",
							"/admin/apps/" + fixture.appid() + "/credentials/" + badId(in)));
			String method = pick(in, List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "FOO"));
			byte[] body = switch (below(in, 4)) {
				case 0 -> null;
				case 1 -> fixture.image();
				case 2 -> ("{\"appid\":\"" + fixture.appid() + "\",\"username\":\"mallory\",\"name\":\"x\","
						+ "\"userIds\":[\"" + user + "\"],\"banned\":true}")
					.getBytes(StandardCharsets.UTF_8);
				default -> Hostile.garbageBody(in, "{\"name\":\"x\"}");
			};
			List<String> headers = new ArrayList<>(
					List.of("Content-Type", pick(in, List.of("application/json", "image/png", "text/plain"))));
			String authorization = wrongAuthorization(in);
			if (authorization != null) {
				headers.addAll(List.of("Authorization", authorization));
			}
			headers.addAll(Hostile.headers(in, List.of())
				.stream()
				.map(header -> header.equals("Authorization") ? "X-Authorization" : header)
				.toList());
			return HostileRequest.of(method, path, headers, body);
		}), (request, response) -> {
			Answers.assertProblemAnswer(request, response);
			if (Answers.appAnswered(response) && !Answers.refusedBeforeTheService(response)) {
				assertThat(response.status()).as(response.toString()).isEqualTo(401);
				assertThat(response.header("WWW-Authenticate")).as(response.toString()).isEqualTo("Bearer");
			}
		}, 401);
	}

	/**
	 * Every call, valid or not, with a credential of another app: what it names of this
	 * app is not found, the platform's calls are forbidden, and nothing changes.
	 */
	@Test
	void anotherAppsCredentialReachesNothing() {
		holds(gen(in -> {
			String user = chance(in, 85) ? pick(in, fixture.users()) : badId(in);
			String other = pick(in, fixture.users());
			String[] call = pick(in, List.of("GET /admin/users/{u}", "PATCH /admin/users/{u}",
					"PUT /admin/users/{u}/avatar", "DELETE /admin/users/{u}/avatar", "POST /admin/users/{u}/api-keys",
					"DELETE /admin/api-keys/{k}", "PUT /admin/users/{u}/following/{t}",
					"DELETE /admin/users/{u}/following/{t}", "POST /admin/users", "POST /admin/apps",
					"PUT /admin/leaderboards/author", "GET /admin/leaderboards/vip", "POST /admin/apps/{a}/credentials",
					"GET /admin/apps/{a}/credentials", "DELETE /admin/apps/{a}/credentials/{k}",
					"GET /admin/users?appid={a}", "GET /admin/users/{u}/api-keys"))
				.split(" ");
			String path = call[1].replace("{u}", user)
				.replace("{t}", other)
				.replace("{a}", fixture.appid())
				.replace("{k}", chance(in, 70) ? fixture.apiKeyId() : badId(in));
			boolean avatar = path.endsWith("/avatar") && call[0].equals("PUT");
			String json = switch (call[1]) {
				case "/admin/users" -> "{\"appid\":\"" + fixture.appid() + "\",\"username\":\"mallory\"}";
				case "/admin/apps" -> "{\"name\":\"Mallory's\"}";
				case "/admin/leaderboards/author" -> "{\"userIds\":[\"" + other + "\"]}";
				default -> "{\"nickname\":\"Mallory\",\"banned\":true}";
			};
			byte[] body = switch (below(in, 4)) {
				case 0 -> null;
				case 1 -> Hostile.garbageBody(in, json);
				default -> avatar ? fixture.image() : json.getBytes(StandardCharsets.UTF_8);
			};
			List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + fixture.otherAppsCredential(),
					"Content-Type", avatar ? "image/png" : "application/json"));
			return HostileRequest.of(call[0], path, headers, body);
		}), (request, response) -> {
			Answers.assertProblemAnswer(request, response);
			assertThat(response.status()).as(response.toString()).isIn(400, 403, 404, 405, 408, 413, 415);
		}, 403, 404);
	}

	@Test
	void appsThatCannotBeCreated() {
		String valid = "{\"appid\":\"" + fixture.nobody() + "\",\"name\":\"Hostile\"}";
		holds(adminJson("POST", in -> "/admin/apps", in -> refusedJson(in, valid,
				List.of("\"appid\":\"" + fixture.appid() + "\"", "\"appid\":\"a b\"", "\"appid\":\"\"",
						"\"appid\":\"" + "x".repeat(65) + "\"", "\"appid\":\"é\"", "\"appid\":5",
						"\"appid\":\"a\\u0000\"", "\"name\":\"\"", "\"name\":\" \"", "\"name\":5", "\"name\":true",
						"\"name\":[]", "\"name\":{}", "\"name\":null", "\"name\":\"" + "n".repeat(401) + "\"",
						"\"name\":\"\\u0000\""),
				Set.of("appid", "name"))), refused(), 400, 413, 415);
	}

	@Test
	void usersThatCannotBeCreated() {
		String valid = "{\"appid\":\"" + fixture.appid() + "\",\"username\":\"" + fixture.nobody() + "\"}";
		holds(adminJson("POST", in -> "/admin/users",
				in -> refusedJson(in, valid, badUserMembers(true),
						Set.of("appid", "userId", "username", "nickname", "bio", "profileBgUrl", "statusStickerUrl",
								"vipLevel", "authorLevel", "memberUntil", "official", "hidePatronIdentity",
								"hideSocialFromPublic", "cardCount"))),
				refused(), 400, 413, 415);
	}

	@Test
	void userLookups() {
		holds(gen(in -> HostileRequest.of(pick(in, List.of("GET", "GET", "HEAD")),
				"/admin/users/" + (chance(in, 30) ? pick(in, fixture.users()) : badId(in)), adminHeaders(in, null),
				null)), (request, response) -> {
					Answers.assertProblemAnswer(request, response);
					assertThat(response.status()).as(response.toString())
						.matches(status -> status == 200 || status / 100 == 4);
				}, 200, 400, 404);
	}

	@Test
	void userChangesThatAreRefused() {
		String valid = "{\"nickname\":\"Changed\",\"banned\":true}";
		holds(gen(in -> {
			boolean existing = chance(in, 70);
			Body body = existing
					? refusedJson(in, valid, badUserMembers(false),
							Set.of("username", "nickname", "bio", "profileBgUrl", "statusStickerUrl", "vipLevel",
									"authorLevel", "memberUntil", "official", "banned", "hidePatronIdentity",
									"hideSocialFromPublic", "cardCount"))
					: new Body("application/json", valid.getBytes(StandardCharsets.UTF_8),
							HostileRequest.Transfer.LENGTH);
			String target = "/admin/users/" + (existing ? pick(in, fixture.users()) : badId(in));
			return body.request("PATCH", target, adminHeaders(in, body.contentType()));
		}), refused(), 400, 404, 413, 415);
	}

	@Test
	void avatarUploadsThatAreRefused() {
		holds(gen(in -> {
			boolean existing = chance(in, 70);
			String target = "/admin/users/" + (existing ? fixture.a() : badId(in)) + "/avatar";
			String contentType;
			byte[] body;
			if (!existing) {
				contentType = "image/png";
				body = fixture.image();
			}
			else if (chance(in, 25)) {
				contentType = pick(in, List.of("text/plain", "application/json", "image/svg+xml", "image/tiff",
						"application/octet-stream", "", "image/*", "image", "multipart/form-data; boundary=x"));
				body = fixture.image();
			}
			else {
				contentType = pick(in, List.of("image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp",
						"image/png; charset=\u00ff", "IMAGE/PNG"));
				body = garbageImage(in);
			}
			List<String> headers = adminHeaders(in, contentType.isEmpty() ? null : contentType);
			return HostileRequest.of("PUT", target, headers, body).withTransfer(transfer(in));
		}), refused(), 400, 404, 415);
	}

	@Test
	void avatarRemovalsOfNobody() {
		holds(gen(in -> HostileRequest.of("DELETE", "/admin/users/" + badId(in) + "/avatar", adminHeaders(in, null),
				null)), refused(), 404);
	}

	@Test
	void apiKeysForNobody() {
		holds(gen(in -> HostileRequest.of("POST", "/admin/users/" + badId(in) + "/api-keys",
				adminHeaders(in, "application/json"),
				chance(in, 50) ? null : Hostile.garbageBody(in, "{\"name\":\"x\"}"))), refused(), 404);
	}

	@Test
	void revocationsOfKeysThatDoNotExist() {
		holds(gen(in -> HostileRequest.of("DELETE", "/admin/api-keys/" + badId(in), adminHeaders(in, null), null)),
				refused(), 404);
	}

	/**
	 * Follows that are refused, and the no-ops: following again, unfollowing someone not
	 * followed.
	 */
	@Test
	void followsThatChangeNothing() {
		holds(gen(in -> {
			boolean put = chance(in, 50);
			String[] pair = switch (below(in, 5)) {
				case 0 -> new String[] { fixture.a(), badId(in) };
				case 1 -> new String[] { badId(in), pick(in, fixture.users()) };
				case 2 -> new String[] { badId(in), badId(in) };
				case 3 -> new String[] { fixture.c(), fixture.c() };
				default -> put ? new String[] { fixture.a(), fixture.b() } : new String[] { fixture.c(), fixture.a() };
			};
			return HostileRequest.of(put ? "PUT" : "DELETE", "/admin/users/" + pair[0] + "/following/" + pair[1],
					adminHeaders(in, null), null);
		}), (request, response) -> {
			Answers.assertProblemAnswer(request, response);
			assertThat(response.status()).as(response.toString()).matches(status -> status == 204 || status / 100 == 4);
		}, 204, 400, 404);
	}

	@Test
	void leaderboardsThatAreRefused() {
		holds(gen(in -> {
			boolean realBoard = chance(in, 70);
			String board = realBoard ? pick(in, List.of("author", "vip"))
					: pick(in, List.of("AUTHOR", "authors", "", "..", "%00", "x".repeat(100), "vip%2F", badId(in)));
			String valid = "{\"userIds\":[\"" + fixture.a() + "\"]}";
			Body body;
			if (!realBoard) {
				body = new Body("application/json", valid.getBytes(StandardCharsets.UTF_8),
						HostileRequest.Transfer.LENGTH);
			}
			else if (chance(in, 40)) {
				body = new Body("application/json",
						("{\"userIds\":" + refusedBoard(in) + "}").getBytes(StandardCharsets.UTF_8), transfer(in));
			}
			else {
				body = refusedJson(in, valid, List.of("\"userIds\":null", "\"userIds\":\"" + fixture.a() + "\"",
						"\"userIds\":{}", "\"userIds\":[1]", "\"userIds\":[[\"" + fixture.a() + "\"]]"),
						Set.of("userIds"));
			}
			return body.request("PUT", "/admin/leaderboards/" + board, adminHeaders(in, body.contentType()));
		}), refused(), 400, 404, 413, 415);
	}

	@Test
	void leaderboardLookups() {
		holds(gen(in -> HostileRequest.of("GET",
				"/admin/leaderboards/" + (chance(in, 30) ? pick(in, List.of("author", "vip"))
						: Hostile.rawValue(in, List.of("author", "vip"))),
				adminHeaders(in, null), null)), (request, response) -> {
					Answers.assertProblemAnswer(request, response);
					assertThat(response.status()).as(response.toString())
						.matches(status -> status == 200 || status / 100 == 4);
				}, 200, 404);
	}

	@Test
	void listingsWithHostileParameters() {
		String cursor = admin("GET", "/admin/users?appid=" + fixture.appid() + "&limit=1", null).json()
			.get("nextCursor")
			.stringValue();
		List<String> paths = List.of("/admin/apps", "/admin/users", "/admin/users/" + fixture.a() + "/api-keys",
				"/admin/leaderboards/author");
		holds(gen(in -> {
			String path = chance(in, 80) ? pick(in, paths) : "/admin/users/" + badId(in) + "/api-keys";
			String query = Hostile.query(in,
					"appid=" + fixture.appid() + "&limit=" + pick(in, List.of("1", "2", "1000")),
					List.of("appid", "username", "limit", "cursor"), name -> switch (name) {
						case "appid" -> List.of(fixture.appid(), fixture.nobody());
						case "username" -> List.of("alice", "bob", "13800138000");
						case "limit" -> List.of("1", "100", "1000", "0", "1001", "-1", "1e2");
						default -> List.of(cursor, cursor + "A", cursor.substring(1));
					});
			return HostileRequest.of("GET", path + (query.isEmpty() ? "" : "?" + query), adminHeaders(in, null), null);
		}), (request, response) -> {
			Answers.assertProblemAnswer(request, response);
			assertThat(response.status()).as(response.toString()).matches(status -> status == 200 || status / 100 == 4);
			assertThat(response.text()).doesNotContain("tokenHash").doesNotContain("token_hash");
		}, 200, 400, 404);
	}

	// ---- generators

	/** A body and how it is sent. */
	record Body(String contentType, byte[] bytes, HostileRequest.Transfer transfer) {

		HostileRequest request(String method, String target, List<String> headers) {
			return HostileRequest.of(method, target, headers, this.bytes).withTransfer(this.transfer);
		}

	}

	/**
	 * Mostly with a Content-Length; sometimes chunked; sometimes stopping short of its
	 * Content-Length.
	 */
	private static HostileRequest.Transfer transfer(RandomnessSource in) {
		return switch (below(in, 20)) {
			case 0, 1, 2 -> HostileRequest.Transfer.CHUNKED;
			case 3 -> HostileRequest.Transfer.SHORT;
			default -> HostileRequest.Transfer.LENGTH;
		};
	}

	/**
	 * A JSON body that must be refused, made from {@code valid} (an object of allowed
	 * fields that would be accepted) in one of these ways: a member whose value breaks a
	 * rule, an unknown field, a duplicate name, broken JSON, a content type that is not
	 * JSON, nesting beyond any limit, or a size beyond the limit.
	 */
	private static Body refusedJson(RandomnessSource in, String valid, List<String> badMembers, Set<String> allowed) {
		String open = valid.substring(0, valid.length() - 1);
		String contentType = pick(in, Hostile.JSON_CONTENT_TYPES);
		String text = switch (below(in, 8)) {
			case 0, 1 -> open + "," + pick(in, badMembers) + "}";
			case 2 -> {
				String name = pick(in, List.of("extra", "appId", "NAME", "name ", "userid", "id", "", "__proto__",
						"constructor", "\u0000", "banned\u0000", "class", "@type"));
				yield allowed.contains(name) ? null : open + ",\"" + Hostile.escapeJson(name) + "\":1}";
			}
			case 3 -> {
				// the first member again, with another value: the reader must not pick
				// one
				String first = valid.substring(1, valid.indexOf(':'));
				yield "{" + first + ":" + pick(in, List.of("\"other\"", "null", "1", "[]")) + "," + valid.substring(1);
			}
			case 4 -> {
				contentType = pick(in,
						List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
								"multipart/form-data; boundary=x", "application/octet-stream", "", "*/*", "}{",
								"application/", "application/json;charset=nonsense", "image/png"));
				yield valid;
			}
			case 5 -> open + ",\"deep\":" + Hostile.nested(pick(in, Hostile.DEPTHS), chance(in, 50), "1") + "}";
			case 6 -> open + " ".repeat(pick(in, List.of(65 * 1024, 100_000, 300_000))) + "}";
			default -> null;
		};
		byte[] bytes = (text != null) ? text.getBytes(StandardCharsets.UTF_8) : Hostile.garbageBody(in, valid);
		return new Body(contentType, bytes, transfer(in));
	}

	/** Members of a user body that break a rule of the admin API (README, Admin API). */
	private static List<String> badUserMembers(boolean create) {
		List<String> members = new ArrayList<>(List.of("\"username\":\"\"", "\"username\":\" \"",
				"\"username\":\"a\\u0000b\"", "\"username\":\"a\\nb\"", "\"username\":\"" + "u".repeat(65) + "\"",
				"\"username\":5", "\"username\":null", "\"nickname\":\"\"", "\"nickname\":\"\\u0007\"",
				"\"nickname\":\"" + "n".repeat(65) + "\"", "\"nickname\":7", "\"bio\":\"" + "b".repeat(1001) + "\"",
				"\"bio\":[]", "\"profileBgUrl\":\"javascript:alert(1)\"",
				"\"profileBgUrl\":\"//cdn.example.com/a.png\"", "\"profileBgUrl\":\"ftp://cdn.example.com/a\"",
				"\"profileBgUrl\":\"http://\"", "\"statusStickerUrl\":\"https://x.example/" + "s".repeat(2048) + "\"",
				"\"statusStickerUrl\":\"a b\"", "\"vipLevel\":31", "\"vipLevel\":-1", "\"vipLevel\":\"5\"",
				"\"vipLevel\":5.5", "\"vipLevel\":1e1", "\"vipLevel\":null", "\"authorLevel\":2147483648",
				"\"authorLevel\":true", "\"memberUntil\":-1", "\"memberUntil\":253402300800000",
				"\"memberUntil\":\"2030-01-01\"", "\"memberUntil\":1e20", "\"official\":\"true\"", "\"official\":1",
				"\"official\":null", "\"hidePatronIdentity\":\"no\"", "\"hideSocialFromPublic\":0", "\"cardCount\":-1",
				"\"cardCount\":99999999999", "\"cardCount\":null"));
		if (create) {
			members.addAll(List.of("\"appid\":\"a b\"", "\"appid\":5", "\"appid\":null", "\"userId\":\"a/b\"",
					"\"userId\":\"" + "i".repeat(65) + "\"", "\"userId\":\"\"", "\"userId\":7",
					"\"appid\":\"nosuchapp_x\""));
		}
		else {
			members.addAll(List.of("\"banned\":\"yes\"", "\"banned\":null", "\"appid\":\"x\"", "\"userId\":\"x\""));
		}
		return members;
	}

	/**
	 * A board that must be refused: unknown or invalid ids, a repeat, too many, wrong
	 * types.
	 */
	private static String refusedBoard(RandomnessSource in) {
		List<String> ids = new ArrayList<>();
		int size = pick(in, List.of(1, 2, 5, 15, 16, 40));
		for (int i = 0; i < size; i++) {
			ids.add("\"" + Hostile.escapeJson(pick(in, fixture.users())) + "\"");
		}
		int at = below(in, ids.size());
		ids.set(at, switch (below(in, 5)) {
			case 0 -> "\"" + fixture.nobody() + "\"";
			case 1 -> "\"" + Hostile.escapeJson(Hostile.value(in, List.of(fixture.nobody()))) + "\"";
			case 2 -> Hostile.jsonValue(in, List.of(fixture.nobody()), 2).replaceFirst("^\".*\"$", "7");
			case 3 -> "\"a\\u0000\"";
			default -> ids.get((at + 1) % ids.size()) + "," + ids.get((at + 1) % ids.size());
		});
		return "[" + String.join(",", ids) + "]";
	}

	/** Bytes that are no image of any accepted format, some starting like one. */
	private static byte[] garbageImage(RandomnessSource in) {
		byte[] magic = switch (below(in, 7)) {
			case 0 -> new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
			case 1 -> new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 };
			case 2 -> "GIF89a".getBytes(StandardCharsets.US_ASCII);
			case 3 -> "BM".getBytes(StandardCharsets.US_ASCII);
			case 4 -> "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
			case 5 -> "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.US_ASCII);
			default -> new byte[0];
		};
		byte[] bytes = new byte[magic.length + pick(in, List.of(0, 1, 10, 100, 3000))];
		System.arraycopy(magic, 0, bytes, 0, magic.length);
		for (int i = magic.length; i < bytes.length; i++) {
			bytes[i] = (byte) below(in, 256);
		}
		return bytes;
	}

	/**
	 * A path segment naming no user, key or board: unknown ids of the right shape, and
	 * hostile text.
	 */
	private static String badId(RandomnessSource in) {
		return switch (below(in, 6)) {
			case 0, 1 -> fixture.nobody() + "_" + between(in, 0, 999);
			case 2 -> Hostile.encode(Hostile.value(in, List.of(fixture.nobody())));
			case 3 -> Hostile.rawValue(in, List.of(fixture.nobody()));
			case 4 -> pick(in, List.of(".", "%2e", "%2F", "%00", ";x=1", "a;b", "%20", "+", "x".repeat(65),
					"x".repeat(5000), "%u0041", "%", "*"));
			default -> Hostile.encode(Hostile.text(in, 70));
		};
	}

	/**
	 * An Authorization header that is not the admin token (or none): near misses, other
	 * schemes, garbage.
	 */
	private static String wrongAuthorization(RandomnessSource in) {
		String token = ADMIN_TOKEN;
		String value = switch (below(in, 12)) {
			case 0 -> null;
			case 1 -> "Bearer " + token.substring(0, below(in, token.length()));
			case 2 -> "Bearer " + token + pick(in, List.of("x", "0", "%", "\u00ff", ".", "=", "\"", "\u0000"));
			case 3 -> {
				int at = below(in, token.length());
				char c = token.charAt(at);
				yield "Bearer " + token.substring(0, at) + (char) ((c == 'a') ? 'b' : c ^ 0x20)
						+ token.substring(at + 1);
			}
			case 4 -> "Bearer " + token.toUpperCase();
			case 5 -> pick(in, List.of("Basic ", "Token ", "Bearer", "Bearer:", "Bearer\t", "", "Digest ")) + token;
			case 6 -> "Bearer " + token + " " + token;
			case 7 -> "Bearer \"" + token + "\"";
			case 8 -> "Bearer " + Hostile.latin1(Hostile.text(in, 40));
			case 9 -> "Bearer " + "x".repeat(pick(in, List.of(1000, 6000, 9000)));
			case 10 -> "Bearer fc_" + token;
			default -> "Bearer " + Hostile.encode(token).replace("-", "%2D");
		};
		boolean valid = value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)
				&& value.substring(7).strip().equals(token);
		return valid ? value + "x" : value;
	}

	/** The admin token, the content type when given, and sometimes more headers. */
	private static List<String> adminHeaders(RandomnessSource in, String contentType) {
		List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + ADMIN_TOKEN));
		if (contentType != null && !contentType.isEmpty()) {
			headers.addAll(List.of("Content-Type", contentType));
		}
		if (chance(in, 30)) {
			headers.addAll(Hostile.headers(in, List.of())
				.stream()
				.map(header -> header.equals("Authorization") || header.equals("Content-Type") ? "X-" + header : header)
				.toList());
		}
		return headers;
	}

	private Gen<HostileRequest> adminJson(String method, Function<RandomnessSource, String> targets,
			Function<RandomnessSource, Body> bodies) {
		return gen(in -> {
			Body body = bodies.apply(in);
			return body.request(method, targets.apply(in), adminHeaders(in, body.contentType()));
		});
	}

	/**
	 * Refused: a 4xx (or Tomcat's refusal of the request head), as problem+json when the
	 * service answers.
	 */
	private static BiConsumer<HostileRequest, Response> refused() {
		return (request, response) -> {
			Answers.assertProblemAnswer(request, response);
			assertThat(response.status() / 100).as(response.toString()).isEqualTo(4);
		};
	}

}
