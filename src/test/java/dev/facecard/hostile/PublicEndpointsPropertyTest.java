package dev.facecard.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import static dev.facecard.hostile.Hostile.below;
import static dev.facecard.hostile.Hostile.between;
import static dev.facecard.hostile.Hostile.chance;
import static dev.facecard.hostile.Hostile.encode;
import static dev.facecard.hostile.Hostile.gen;
import static dev.facecard.hostile.Hostile.pick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based: every public endpoint, at least {@value #TRIES} generated hostile
 * requests each, and as many malformed request heads. None is a 5xx, none shows anything
 * of the inside, every answer is in the endpoint's format, and the stored data is the
 * same afterwards.
 */
class PublicEndpointsPropertyTest extends HostilePropertyTest {

	/**
	 * What the requests aim at; made once, shared by every property (they change
	 * nothing).
	 */
	private static Fixture fixture;

	record Fixture(String appid, List<String> usernames, List<String> userIds, String hash, List<String> etags,
			String apiKey) {
	}

	@BeforeEach
	void fixture() {
		if (fixture != null) {
			return;
		}
		String appid = newApp();
		List<String> usernames = List.of("13800138000", "无头像", "banned", "a+b&c=d %", "x");
		List<String> userIds = new ArrayList<>();
		for (String username : usernames) {
			userIds.add(newUser(appid, username, "\"nickname\":\"N\"").get("userId").stringValue());
		}
		Response upload = uploadAvatar(userIds.get(0), "image/png",
				TestImages.encode(TestImages.noise(24, 24, 7), "png"));
		uploadAvatar(userIds.get(2), "image/png", TestImages.encode(TestImages.noise(24, 24, 8), "png"));
		uploadAvatar(userIds.get(3), "image/png", TestImages.encode(TestImages.noise(24, 24, 9), "png"));
		assertThat(admin("PATCH", "/admin/users/" + userIds.get(2), "{\"banned\":true}").status()).isEqualTo(200);
		assertThat(admin("PUT", "/admin/users/" + userIds.get(1) + "/following/" + userIds.get(0), null).status())
			.isEqualTo(204);
		String apiKey = admin("POST", "/admin/users/" + userIds.get(1) + "/api-keys", null).json()
			.get("token")
			.stringValue();
		String hash = upload.json().get("avatarUrl").stringValue().replaceAll(".*/avatars/([0-9a-f]{64})\\.jpg$", "$1");
		List<String> etags = new ArrayList<>(List.of(upload.json().get("etag").stringValue()));
		etags.add(this.http.get("/api/get-public-user-profile?userId=" + userIds.get(0)).header("ETag"));
		fixture = new Fixture(appid, usernames, List.copyOf(userIds), hash, List.copyOf(etags), apiKey);
	}

	@Test
	void avatarLookupsByGet() {
		holds(avatarLookups("GET"), Answers::assertAvatarAnswer, 200, 400, 404);
	}

	@Test
	void avatarLookupsByHead() {
		holds(avatarLookups("HEAD"), Answers::assertAvatarAnswer, 200, 400, 404);
	}

	@Test
	void contentAddressedAvatars() {
		holds(gen(in -> {
			String segment = switch (below(in, 8)) {
				case 0, 1, 2 -> fixture.hash();
				case 3 -> fixture.hash().toUpperCase();
				case 4 -> fixture.hash().substring(0, between(in, 0, 64)) + Hostile.rawValue(in, List.of("a"));
				case 5 -> Hostile.rawValue(in, List.of(fixture.hash(), "0".repeat(64), "..", ".", ""));
				case 6 -> pick(in, List.of("..", "%2e%2e", "%2F", "..%2F..%2Fadmin", "", ";x=1", "%00", "a/b"));
				default -> Hostile.encode(Hostile.text(in, 70));
			};
			String suffix = pick(in, List.of(".jpg", ".jpg", ".jpg", ".JPG", ".jpeg", "", ".jpg/", ".jpg;x=y",
					".jpg%00", ".jpg.png", "%2Ejpg", ".jpg/..", ".webp", ".webp/", ".WEBP"));
			String query = chance(in, 40)
					? "?" + Hostile.query(in, "size=" + pick(in, List.of("16", "48", "1024")),
							List.of("size", "default", "appid"), name -> List.of("16", "48", "1024", "15", "1025", "0"))
					: "";
			return HostileRequest.of(pick(in, List.of("GET", "HEAD")), "/avatars/" + segment + suffix + query,
					Hostile.headers(in, fixture.etags()), null);
		}), Answers::assertAvatarAnswer, 200, 400, 404);
	}

	@Test
	void profileByPost() {
		holds(jsonPosts("/api/get-public-user-profile", 10, in -> {
			String valid = "{\"userId\":\"" + pick(in, fixture.userIds()) + "\"}";
			return switch (below(in, 5)) {
				case 0 -> valid;
				case 1 -> "{\"userId\":" + Hostile.jsonString(in, fixture.userIds()) + "}";
				case 2 -> "{\"userId\":" + Hostile.jsonValue(in, fixture.userIds(), 3) + "}";
				case 3 -> members(in, "userId");
				default -> null; // garbage made from the valid body
			};
		}), Answers::assertProblemAnswer, 200, 400, 404, 413);
	}

	@Test
	void ownProfile() {
		holds(jsonPosts("/api/get-user-profile", 70, in -> switch (below(in, 6)) {
			case 0 -> "";
			case 1 -> "{}";
			case 2 -> Hostile.jsonValue(in, fixture.userIds(), 3);
			case 3 -> members(in, "userId");
			case 4 -> "{\"userId\":\"" + pick(in, fixture.userIds()) + "\"}";
			default -> null;
		}), (request, response) -> {
			Answers.assertProblemAnswer(request, response);
			if (response.status() == 200) {
				assertThat(response.json().get("userId").stringValue()).isEqualTo(fixture.userIds().get(1));
				assertThat(response.header("Cache-Control")).isEqualTo("private, no-store");
			}
		}, 200, 400, 401, 413);
	}

	@Test
	void profileByGet() {
		holds(gen(in -> {
			String query = "userId="
					+ (chance(in, 50) ? encode(pick(in, fixture.userIds())) : Hostile.rawValue(in, fixture.userIds()));
			if (chance(in, 30)) {
				query = Hostile.query(in, query, List.of("userId", "userId", "userid", "user", "appid"),
						name -> fixture.userIds());
			}
			List<String> headers = new ArrayList<>(Hostile.headers(in, fixture.etags()));
			if (chance(in, 15)) {
				headers.addAll(List.of("Authorization", "Bearer " + fixture.apiKey()));
			}
			return HostileRequest.of(pick(in, List.of("GET", "GET", "GET", "HEAD")),
					"/api/get-public-user-profile" + (chance(in, 95) ? "?" + query : ""), headers, null);
		}), Answers::assertProblemAnswer, 200, 400, 404);
	}

	@Test
	void profilesInBatches() {
		holds(jsonPosts("/api/get-public-user-profiles", 10, in -> {
			int count = pick(in, List.of(0, 1, 2, 3, 10, 100, 101, 150));
			StringBuilder ids = new StringBuilder();
			for (int i = 0; i < count; i++) {
				ids.append((i > 0) ? "," : "").append(switch (below(in, 5)) {
					case 0, 1 -> "\"" + pick(in, fixture.userIds()) + "\"";
					case 2 -> Hostile.jsonString(in, fixture.userIds());
					case 3 -> "\"" + Hostile.escapeJson(Hostile.value(in, fixture.userIds())) + "\"";
					default -> Hostile.jsonValue(in, fixture.userIds(), 2);
				});
			}
			String valid = "{\"userIds\":[" + ids + "]}";
			return switch (below(in, 5)) {
				case 0, 1 -> valid;
				case 2 -> "{\"userIds\":" + Hostile.jsonValue(in, fixture.userIds(), 3) + "}";
				case 3 -> members(in, "userIds");
				default -> null;
			};
		}), Answers::assertProblemAnswer, 200, 400, 413);
	}

	/**
	 * Requests Tomcat reads before any of Facecard's code: odd methods, request targets
	 * and HTTP versions, broken and oversized header sections, contradictory framing.
	 */
	@Test
	void malformedRequestHeads() {
		holds(gen(in -> {
			if (chance(in, 3)) {
				// a few well-formed requests among the broken ones, for the 200 that
				// mustSee asks for: drawing every part of a head yields one so rarely
				// that some runs of 1,000 had none
				return HostileRequest.of(pick(in, List.of("GET", "HEAD")),
						pick(in, List.of("/api/user/get_avatar?appid=" + fixture.appid() + "&user=13800138000",
								"/api/get-public-user-profile?userId=" + fixture.userIds().get(0),
								"/avatars/" + fixture.hash() + ".jpg")),
						List.of(), null);
			}
			String method = pick(in,
					List.of("GET", "GET", "HEAD", "POST", "get", "G E T", "GET\u0000", "",
							"X".repeat(between(in, 1, 9000)), "\u00ff", "CONNECT", "PRI", "TRACE", "OPTIONS",
							"PROPFIND", "PATCH", "DELETE", "PUT"));
			String target = switch (below(in, 6)) {
				case 0, 1 -> pick(in,
						List.of("/api/user/get_avatar?appid=" + fixture.appid() + "&user=13800138000",
								"/api/get-public-user-profile?userId=" + fixture.userIds().get(0),
								"/avatars/" + fixture.hash() + ".jpg", "/api/get-public-user-profiles",
								"/admin/users/x", "/", "/actuator/health"));
				case 2 -> pick(in,
						List.of("*", "http://localhost/api/user/get_avatar?appid=a&user=b", "//evil.example/",
								"/../../etc/passwd", "/%2e%2e/%2e%2e/", "/api/../admin/users/x", "",
								"api/user/get_avatar", "http://a@b/", "/avatars/%2F.jpg", "/api;x=1/user/get_avatar",
								"/%00", "/%", "/%zz", "/api/user/get_avatar?%", "/\u00e4", "/?" + "q".repeat(10000)));
				case 3 -> "/api/user/get_avatar?" + Hostile.query(in, "appid=" + fixture.appid() + "&user=x",
						List.of("appid", "user"), name -> List.of(fixture.appid(), "x"));
				case 4 -> "/" + Hostile.rawValue(in, List.of("api", "avatars", "admin"));
				default -> "/api/get-public-user-profile" + pick(in, List.of(";jsessionid=1", "/", "//", "%2F", ".json",
						"?userId=" + Hostile.rawValue(in, fixture.userIds())));
			};
			String version = pick(in,
					List.of("HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/1.2", "HTTP/2.0", "HTTP/0.9",
							"http/1.1", "HTTP/1.1 extra", "", "HTTP/1.10", "HTTP/01.1", "HTCPCP/1.0",
							"HTTP/1.1\u0000"));
			String eol = pick(in, List.of("\r\n", "\r\n", "\r\n", "\n", "\r"));
			StringBuilder head = new StringBuilder(method).append(' ').append(target);
			head.append(version.isEmpty() ? "" : " " + version).append(eol);
			head.append(switch (below(in, 6)) {
				case 0 -> "";
				case 1 -> "Host: localhost" + eol + "Host: evil.example" + eol;
				case 2 ->
					"Host: " + pick(in, List.of("a b", "localhost:99999", "[::1", "\u00ff", "", "a@b", "x".repeat(300)))
							+ eol;
				default -> "Host: localhost" + eol;
			});
			List<String> headers = Hostile.headers(in, fixture.etags());
			for (int i = 0; i < headers.size(); i += 2) {
				head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append(eol);
			}
			head.append(switch (below(in, 16)) {
				case 0 -> "NoColonHere" + eol;
				case 1 -> ": empty-name" + eol;
				case 2 -> " X-Leading-Space: x" + eol;
				case 3 -> "X-Nul: a\u0000b" + eol;
				case 4 -> ("X-Many: x" + eol).repeat(pick(in, List.of(99, 101, 2000)));
				case 5 -> "Content-Length: 1" + eol + "Content-Length: 2" + eol;
				case 6 -> "Content-Length: "
						+ pick(in, List.of("-1", "abc", "99999999999999999999", "1 1", "+5", "0x10", "5")) + eol;
				case 7 -> "Transfer-Encoding: " + pick(in,
						List.of("gzip, chunked", "chunked, gzip", "identity", "chunked", "xchunked", "chunked\u0000"))
						+ eol;
				case 8 -> "Transfer-Encoding: chunked" + eol + "Content-Length: 4" + eol;
				case 9 -> "Expect: " + pick(in, List.of("100-continue", "200-ok", "\u00ff")) + eol;
				case 10 -> "Upgrade: " + pick(in, List.of("h2c", "websocket", "TLS/1.2")) + eol + "Connection: Upgrade"
						+ eol + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA" + eol;
				case 11 -> "X-Long: " + "l".repeat(pick(in, List.of(8000, 8200, 16000, 70000))) + eol;
				default -> "";
			});
			head.append("Connection: close").append(eol).append(eol);
			byte[] body = switch (below(in, 4)) {
				case 0 -> "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
				case 1 -> "zz\r\nxx\r\n".getBytes(StandardCharsets.US_ASCII);
				case 2 -> "{\"userId\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
				default -> new byte[0];
			};
			return HostileRequest.raw(head.toString(), body);
		}), Answers::assertSafe, 200, 400);
	}

	// ---- generators and the property runner

	/**
	 * Mostly the endpoint's own parameters, each well formed or hostile, in any order;
	 * sometimes more parameters (repeats, array-style and odd names), sometimes a query
	 * string of nothing but those.
	 */
	private Gen<HostileRequest> avatarLookups(String method) {
		return gen(in -> {
			List<String> params = new ArrayList<>();
			params.add("appid="
					+ (chance(in, 70) ? encode(fixture.appid()) : Hostile.rawValue(in, knownAvatarValues("appid"))));
			params.add("user=" + (chance(in, 50) ? encode(pick(in, fixture.usernames()))
					: Hostile.rawValue(in, fixture.usernames())));
			for (String optional : List.of("size", "default")) {
				if (chance(in, 30)) {
					params.add(optional + "=" + (chance(in, 50) ? pick(in, knownAvatarValues(optional))
							: Hostile.rawValue(in, knownAvatarValues(optional))));
				}
			}
			Collections.rotate(params, below(in, params.size()));
			String query = String.join("&", params);
			List<String> names = List.of("appid", "user", "size", "default", "userId", "callback");
			if (chance(in, 30)) {
				query += "&" + Hostile.query(in, null, names, this::knownAvatarValues);
			}
			else if (chance(in, 10)) {
				query = Hostile.query(in, null, names, this::knownAvatarValues);
			}
			String path = chance(in, 85) ? "/api/user/get_avatar"
					: pick(in, List.of("/api/user/get_avatar/", "/api/user/get_avatar;x=1", "/api/user/get%5Favatar",
							"/api//user/get_avatar", "/api/user/./get_avatar", "/api/user/GET_AVATAR",
							"/api/user/get_avatar.json", "/api/user/get_avatar%00", "/api/user/x/../get_avatar"));
			return HostileRequest.of(method, path + (chance(in, 97) ? "?" + query : ""),
					Hostile.headers(in, fixture.etags()), null);
		});
	}

	private List<String> knownAvatarValues(String name) {
		return switch (name) {
			case "appid" -> List.of(fixture.appid(), "demo", "nosuchapp");
			case "user" -> fixture.usernames();
			case "size" -> List.of("16", "48", "1024", "15", "1025", "0", "0048");
			case "default" -> List.of("404", "identicon", "mp", "retro");
			default -> List.of("x");
		};
	}

	/**
	 * An object of 1 to 4 random members, {@code field} among them zero, one or two
	 * times.
	 */
	private static String members(RandomnessSource in, String field) {
		StringBuilder object = new StringBuilder("{");
		int count = between(in, 1, 4);
		for (int i = 0; i < count; i++) {
			String name = chance(in, 50) ? "\"" + field + "\"" : Hostile.jsonString(in, List.of(field, "userId"));
			object.append((i > 0) ? "," : "")
				.append(name)
				.append(':')
				.append(Hostile.jsonValue(in, fixture.userIds(), 2));
		}
		return object.append('}').toString();
	}

	/**
	 * POSTs of JSON-ish bodies: {@code bodies} gives a body text, or null for garbage
	 * made from a valid body; any content type, sometimes chunked, with an API key in
	 * {@code keyPercent} percent of them.
	 */
	private static Gen<HostileRequest> jsonPosts(String path, int keyPercent,
			java.util.function.Function<RandomnessSource, String> bodies) {
		return gen(in -> {
			String text = bodies.apply(in);
			byte[] body = (text != null) ? text.getBytes(StandardCharsets.UTF_8)
					: Hostile.garbageBody(in, "{\"userId\":\"" + fixture.userIds().get(0) + "\"}");
			List<String> headers = new ArrayList<>();
			String contentType = chance(in, 75) ? pick(in, Hostile.JSON_CONTENT_TYPES)
					: pick(in, Hostile.OTHER_CONTENT_TYPES);
			if (!contentType.isEmpty()) {
				headers.addAll(List.of("Content-Type", contentType));
			}
			if (chance(in, keyPercent)) {
				headers.addAll(List.of("Authorization", "Bearer " + fixture.apiKey()));
			}
			headers.addAll(Hostile.headers(in, fixture.etags()));
			HostileRequest request = HostileRequest.of(pick(in, List.of("POST", "POST", "POST", "POST", "PUT")),
					path + (chance(in, 5) ? "?userId=" + fixture.userIds().get(0) : ""), headers, body);
			return switch (below(in, 20)) {
				case 0, 1, 2 -> request.withTransfer(HostileRequest.Transfer.CHUNKED);
				case 3 -> request.withTransfer(HostileRequest.Transfer.NONE);
				case 4 -> request.withTransfer(HostileRequest.Transfer.SHORT);
				default -> request;
			};
		});
	}

}
