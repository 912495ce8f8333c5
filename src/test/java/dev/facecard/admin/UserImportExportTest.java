package dev.facecard.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk import and export of users (README "Bulk import and export") over HTTP on
 * PostgreSQL: upserts and their results, lines refused alone, results streamed while the
 * body arrives, an app credential's reach, export and import round trips, caches.
 */
class UserImportExportTest extends IntegrationTest {

	private static final String NDJSON = "application/x-ndjson";

	@Autowired
	private JdbcTemplate jdbc;

	@LocalServerPort
	private int port;

	@Test
	void linesAreCreatedUpdatedOrUnchangedAndResendingChangesNothing() {
		String app = newApp();
		String first = lines(user(app, "13800000001", "\"nickname\":\"一\",\"vipLevel\":3"),
				user(app, "13800000002", "\"userId\":\"" + unique("given") + "\""), user(app, "13800000003", null));
		List<JsonNode> created = importLines(first, ADMIN_TOKEN);
		assertThat(created).extracting(result -> result.get("status").stringValue())
			.containsExactly("created", "created", "created");
		assertThat(created).extracting(result -> result.get("line").intValue()).containsExactly(1, 2, 3);
		String userId = created.get(0).get("userId").stringValue();
		JsonNode stored = admin("GET", "/admin/users/" + userId, null).json();
		assertThat(stored.get("nickname").stringValue()).isEqualTo("一");
		assertThat(stored.get("vipLevel").intValue()).isEqualTo(3);

		String second = lines(user(app, "13800000001", "\"nickname\":\"二\",\"banned\":true"),
				user(app, "13800000003", null), user(app, "13800000004", "\"bio\":\"new\""));
		assertThat(importLines(second, ADMIN_TOKEN)).extracting(result -> result.get("status").stringValue())
			.containsExactly("updated", "unchanged", "created");
		stored = admin("GET", "/admin/users/" + userId, null).json();
		assertThat(stored.get("nickname").stringValue()).isEqualTo("二");
		assertThat(stored.get("banned").booleanValue()).isTrue();
		assertThat(stored.get("vipLevel").intValue()).as("fields not given stay").isEqualTo(3);
		long updatedAt = stored.get("updatedAt").longValue();

		List<JsonNode> again = importLines(first + second, ADMIN_TOKEN);
		// the first file's line 1 sets the nickname back: updated; the second's sets it
		// again
		assertThat(again).extracting(result -> result.get("status").stringValue())
			.containsExactly("updated", "unchanged", "unchanged", "updated", "unchanged", "unchanged");
		List<JsonNode> resent = importLines(second, ADMIN_TOKEN);
		assertThat(resent).extracting(result -> result.get("status").stringValue())
			.containsExactly("unchanged", "unchanged", "unchanged");
		assertThat(resent).extracting(result -> result.get("userId").stringValue())
			.containsExactly(userId, created.get(2).get("userId").stringValue(),
					again.get(5).get("userId").stringValue());
		assertThat(admin("GET", "/admin/users/" + userId, null).json().get("updatedAt").longValue())
			.isGreaterThanOrEqualTo(updatedAt);
		assertThat(this.jdbc.queryForObject("select count(*) from users where appid = ?", Integer.class, app))
			.isEqualTo(4);
	}

	@Test
	void badLinesAreRefusedAloneWithTheSingleCallsProblemAndTheOthersStored() {
		String app = newApp();
		String taken = newUser(app, "someone", null).get("userId").stringValue();
		String lostApp = unique("no_app");
		String notAnImage = Base64.getEncoder().encodeToString("not an image".getBytes(StandardCharsets.UTF_8));
		byte[] tooLong = new byte[UserImports.maxLineBytes(5L * 1024 * 1024) + 10];
		Arrays.fill(tooLong, (byte) ' ');
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(lines(user(app, "ok_1", null), "not json", user(app, "bad_level", "\"vipLevel\":99"),
				user(lostApp, "lost", null), user(app, "bad_image", "\"avatar\":\"" + notAnImage + "\""),
				user(app, "bad_base64", "\"avatar\":\"***\""), user(app, "taken_id", "\"userId\":\"" + taken + "\""),
				user(app, "extra", "\"followerCount\":3"), user(app, "reserved", "\"userId\":\"export\""))
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(tooLong);
		body.writeBytes(("\n" + user(app, "ok_2", null) + "\n").getBytes(StandardCharsets.UTF_8));

		List<JsonNode> results = importLines(body.toByteArray(), ADMIN_TOKEN);

		assertThat(results).extracting(result -> result.get("line").intValue())
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
		assertThat(results).extracting(result -> result.get("status").stringValue())
			.containsExactly("created", "error", "error", "error", "error", "error", "error", "error", "error", "error",
					"created");
		assertThat(results).extracting(result -> result.path("error").path("status").asInt())
			.containsExactly(0, 400, 400, 404, 400, 400, 409, 400, 400, 413, 0);
		for (JsonNode result : results) {
			if (result.has("error")) {
				assertThat(result.get("error").propertyNames()).containsExactly("type", "title", "status", "detail");
				assertThat(result.has("userId")).isFalse();
			}
		}
		// the same detail as the single calls
		assertThat(results.get(2).get("error"))
			.isEqualTo(problem(admin("POST", "/admin/users", user(app, "bad_level", "\"vipLevel\":99"))));
		assertThat(results.get(3).get("error"))
			.isEqualTo(problem(admin("POST", "/admin/users", user(lostApp, "lost", null))));
		String userId = results.get(0).get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/png", "not an image".getBytes(StandardCharsets.UTF_8));
		assertThat(results.get(4).get("error")).isEqualTo(problem(upload));
		assertThat(results.get(8).get("error"))
			.isEqualTo(problem(admin("POST", "/admin/users", user(app, "reserved", "\"userId\":\"export\""))));
		assertThat(results.get(9).get("error").get("detail").stringValue()).contains("at most");

		assertThat(this.jdbc.queryForList("select username from users where appid = ? order by username", String.class,
				app))
			.containsExactly("ok_1", "ok_2", "someone");
	}

	@Test
	void aRequestIsRefusedWholeOnlyForWhatAnyAdminCallIs() {
		String app = newApp();
		String line = user(app, "json_body", null);
		assertThat(this.http
			.send("POST", "/admin/users/import", line.getBytes(StandardCharsets.UTF_8), "Authorization",
					"Bearer " + ADMIN_TOKEN, "Content-Type", "application/json")
			.status()).isEqualTo(415);
		assertThat(this.http
			.send("POST", "/admin/users/import", line.getBytes(StandardCharsets.UTF_8), "Content-Type", NDJSON)
			.status()).isEqualTo(401);
		assertThat(this.http.get("/admin/users/export", "Authorization", "Bearer " + ADMIN_TOKEN).status())
			.isEqualTo(400);
		assertThat(this.http
			.get("/admin/users/export?appid=" + app + "&avatars=maybe", "Authorization", "Bearer " + ADMIN_TOKEN)
			.status()).isEqualTo(400);
		assertThat(
				this.http.get("/admin/users/export?appid=" + unique("no_app"), "Authorization", "Bearer " + ADMIN_TOKEN)
					.status())
			.isEqualTo(404);
		assertThat(this.jdbc.queryForObject("select count(*) from users where appid = ?", Integer.class, app)).isZero();
		// an empty body: no lines, no results
		assertThat(importLines("", ADMIN_TOKEN)).isEmpty();
	}

	@Test
	void resultsArriveWhileTheBodyIsStillBeingSent() throws IOException {
		String app = newApp();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /admin/users/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
					+ "\r\nContent-Type: " + NDJSON + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			chunk(out, lines(user(app, "early_1", null), user(app, "early_2", null)));
			InputStream in = socket.getInputStream();
			String head = readUntil(in, "\r\n\r\n");
			assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: " + NDJSON);
			// the body is chunked: read until two results came, the rest not sent yet
			String early = readUntil(in, "\"line\":2");
			assertThat(early).contains("\"line\":1,\"status\":\"created\"");
			assertThat(this.jdbc.queryForObject("select count(*) from users where appid = ?", Integer.class, app))
				.isEqualTo(2);

			chunk(out, lines(user(app, "late_1", null)));
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(rest).contains("\"line\":3,\"status\":\"created\"");
		}
	}

	@Test
	void anAppCredentialImportsItsOwnAppsLinesOnly() {
		String app = newApp();
		String other = newApp();
		String credential = admin("POST", "/admin/apps/" + app + "/credentials", null).json()
			.get("token")
			.stringValue();

		List<JsonNode> results = importLines(lines(user(app, "mine", null), user(other, "theirs", null)), credential);

		assertThat(results.get(0).get("status").stringValue()).isEqualTo("created");
		assertThat(results.get(1).get("error").get("status").intValue()).isEqualTo(404);
		assertThat(results.get(1).get("error").get("detail").stringValue())
			.isEqualTo("No app with appid '" + other + "'.");
		assertThat(this.jdbc.queryForObject("select count(*) from users where appid = ?", Integer.class, other))
			.isZero();
		Response export = this.http.get("/admin/users/export?appid=" + other, "Authorization", "Bearer " + credential);
		assertThat(export.status()).isEqualTo(404);
		assertThat(this.http.get("/admin/users/export?appid=" + app, "Authorization", "Bearer " + credential).text())
			.contains("\"username\":\"mine\"");
	}

	@Test
	void anExportImportedIntoAnotherAppReproducesItsUsersAndAvatarBytes() {
		String app = newApp();
		importLines(lines(user(app, "full",
				"\"nickname\":\"全\",\"bio\":\"b\",\"profileBgUrl\":\"https://example.com/bg.png\","
						+ "\"statusStickerUrl\":\"https://example.com/s.png\",\"vipLevel\":5,\"authorLevel\":2,"
						+ "\"memberUntil\":4102444800000,\"official\":true,\"banned\":true,\"hidePatronIdentity\":true,"
						+ "\"hideSocialFromPublic\":true,\"cardCount\":7"),
				user(app, "plain", null)), ADMIN_TOKEN);
		byte[] png = TestImages.encode(TestImages.photoLike(300, 200, TestImages.distinctSeed()), "png");
		List<JsonNode> withAvatar = importLines(
				user(app, "pictured", "\"avatar\":\"" + Base64.getEncoder().encodeToString(png) + "\""), ADMIN_TOKEN);
		assertThat(withAvatar.get(0).get("status").stringValue()).isEqualTo("created");
		String avatarUrl = admin("GET", "/admin/users/" + withAvatar.get(0).get("userId").stringValue(), null).json()
			.get("avatarUrl")
			.stringValue();
		assertThat(avatarUrl).isNotNull();

		Response export = this.http.get("/admin/users/export?appid=" + app + "&avatars=true", "Authorization",
				"Bearer " + ADMIN_TOKEN);
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Type")).startsWith(NDJSON);
		List<JsonNode> exported = parseLines(export.text());
		assertThat(exported).hasSize(3);
		assertThat(exported.get(0).propertyNames()).containsExactly("appid", "userId", "username", "createdAt",
				"nickname", "bio", "profileBgUrl", "statusStickerUrl", "vipLevel", "authorLevel", "memberUntil",
				"official", "banned", "hidePatronIdentity", "hideSocialFromPublic", "cardCount", "avatar");
		assertThat(this.http.get("/admin/users/export?appid=" + app, "Authorization", "Bearer " + ADMIN_TOKEN).text())
			.doesNotContain("\"avatar\"");

		// another app: its appid, and ids of its own (user ids are one namespace)
		String copy = newApp();
		StringBuilder moved = new StringBuilder();
		for (JsonNode line : exported) {
			ObjectNode object = (ObjectNode) line.deepCopy();
			object.put("appid", copy);
			object.remove("userId");
			moved.append(object).append('\n');
		}
		assertThat(importLines(moved.toString(), ADMIN_TOKEN)).extracting(result -> result.get("status").stringValue())
			.containsOnly("created");

		List<JsonNode> copied = parseLines(this.http
			.get("/admin/users/export?appid=" + copy + "&avatars=true", "Authorization", "Bearer " + ADMIN_TOKEN)
			.text());
		// registration times too: the copies were registered when the originals were
		assertThat(withoutIds(copied)).isEqualTo(withoutIds(exported));
		assertThat(withoutIds(copied).get(1).get("avatar").stringValue())
			.isEqualTo(exported.get(2).get("avatar").stringValue());
		assertThat(importLines(moved.toString(), ADMIN_TOKEN)).extracting(result -> result.get("status").stringValue())
			.containsOnly("unchanged");
	}

	@Test
	void aNewUsersCreatedAtComesFromItsLineAndAnExistingUserKeepsItsOwn() {
		String app = newApp();
		long registered = 1_500_000_000_000L;
		List<JsonNode> results = importLines(lines(user(app, "old_timer", "\"createdAt\":" + registered),
				user(app, "future", "\"createdAt\":" + (System.currentTimeMillis() + 3_600_000)),
				user(app, "negative", "\"createdAt\":-1"), user(app, "text", "\"createdAt\":\"2017-07-14\""),
				user(app, "nothing", "\"createdAt\":null")), ADMIN_TOKEN);

		assertThat(results).extracting(result -> result.get("status").stringValue())
			.containsExactly("created", "error", "error", "error", "error");
		assertThat(results.subList(1, 5))
			.allSatisfy(result -> assertThat(result.get("error").get("status").intValue()).isEqualTo(400));
		assertThat(this.jdbc.queryForList("select username from users where appid = ?", String.class, app))
			.containsExactly("old_timer");
		String userId = results.get(0).get("userId").stringValue();
		assertThat(admin("GET", "/admin/users/" + userId, null).json().get("createdAt").longValue())
			.isEqualTo(registered);
		JsonNode card = this.http
			.send("POST", "/api/get-public-user-profile",
					("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type",
					"application/json")
			.json();
		assertThat(card.get("createdAt").longValue()).isEqualTo(registered);

		// written now, though registered long ago
		assertThat(admin("GET", "/admin/users/" + userId, null).json().get("updatedAt").longValue())
			.isGreaterThan(System.currentTimeMillis() - 600_000);

		// a registration time is set once: sent again with another, even one ahead of
		// this clock (an export from a host whose clock runs ahead), the user is
		// unchanged
		assertThat(importLines(
				lines(user(app, "old_timer", "\"createdAt\":1600000000000"),
						user(app, "old_timer", "\"createdAt\":" + (System.currentTimeMillis() + 3_600_000))),
				ADMIN_TOKEN))
			.extracting(result -> result.get("status").stringValue())
			.containsExactly("unchanged", "unchanged");
		assertThat(admin("GET", "/admin/users/" + userId, null).json().get("createdAt").longValue())
			.isEqualTo(registered);
	}

	@Test
	void aUserStoredUnderAReservedIdBeforeTheyWereRefusedIsStillImportedAsItself() {
		String app = newApp();
		this.jdbc.update("insert into users (user_id, appid, username, created_at, updated_at) "
				+ "values ('import', ?, 'old_name', now(), now())", app);
		try {
			List<JsonNode> results = importLines(
					lines(user(app, "old_name", "\"userId\":\"import\",\"nickname\":\"Still here\"")), ADMIN_TOKEN);

			assertThat(results.get(0).get("status").stringValue()).as(results.toString()).isEqualTo("updated");
			assertThat(this.jdbc.queryForObject("select nickname from users where user_id = 'import'", String.class))
				.isEqualTo("Still here");
		}
		finally {
			this.jdbc.update("delete from users where user_id = 'import'");
		}
	}

	@Test
	void cachesSeeImportedChanges() {
		String app = newApp();
		String userId = newUser(app, "cached", "\"nickname\":\"before\"").get("userId").stringValue();
		String card = "/api/get-public-user-profile?userId=" + userId;
		assertThat(this.http.get(card).json().get("nickname").stringValue()).isEqualTo("before");
		assertThat(this.http.get("/api/user/get_avatar?appid=" + app + "&user=fresh").status()).isEqualTo(404);

		byte[] png = TestImages.encode(TestImages.photoLike(64, 64, TestImages.distinctSeed()), "png");
		importLines(
				lines(user(app, "cached", "\"nickname\":\"after\""),
						user(app, "fresh", "\"avatar\":\"" + Base64.getEncoder().encodeToString(png) + "\"")),
				ADMIN_TOKEN);

		assertThat(this.http.get(card).json().get("nickname").stringValue()).isEqualTo("after");
		assertThat(this.http.get("/api/user/get_avatar?appid=" + app + "&user=fresh").status()).isEqualTo(200);
	}

	private List<JsonNode> importLines(String body, String token) {
		return importLines(body.getBytes(StandardCharsets.UTF_8), token);
	}

	private List<JsonNode> importLines(byte[] body, String token) {
		Response response = this.http.send("POST", "/admin/users/import", body, "Authorization", "Bearer " + token,
				"Content-Type", NDJSON);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return parseLines(response.text());
	}

	private static List<JsonNode> parseLines(String text) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (!line.isEmpty()) {
				lines.add(TestHttp.parse(line));
			}
		}
		return lines;
	}

	/** The lines without their ids, by username: users created together have no order. */
	private static List<JsonNode> withoutIds(List<JsonNode> lines) {
		return lines.stream().map(line -> {
			ObjectNode object = (ObjectNode) line.deepCopy();
			object.remove("appid");
			object.remove("userId");
			return (JsonNode) object;
		}).sorted(Comparator.comparing(line -> line.get("username").stringValue())).toList();
	}

	/** A single call's problem, without its {@code instance} (the single call's path). */
	private static JsonNode problem(Response response) {
		ObjectNode problem = (ObjectNode) response.json().deepCopy();
		problem.remove("instance");
		return problem;
	}

	private static String user(String appid, String username, String extraFields) {
		return "{\"appid\":\"" + appid + "\",\"username\":\"" + username + "\""
				+ ((extraFields != null) ? "," + extraFields : "") + "}";
	}

	private static String lines(String... lines) {
		return String.join("\n", lines) + "\n";
	}

	private static void chunk(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** Reads until {@code end} has been read (or fails at the socket's timeout). */
	private static String readUntil(InputStream in, String end) throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		while (!read.toString(StandardCharsets.UTF_8).contains(end)) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			read.write(b);
		}
		return read.toString(StandardCharsets.UTF_8);
	}

}
