package dev.facecard.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.facecard.shared.data.Sha256;
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
 * The admin listings (README, Paging) over HTTP on PostgreSQL: keyset pages that return
 * each item once, in order, whatever is inserted meanwhile; their parameters; what an API
 * key listing shows; and how often a key's use is written.
 */
class AdminListingTest extends IntegrationTest {

	private static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void pagingThroughUsersReturnsEachExactlyOnceInCreationOrder() {
		String appid = newApp();
		// three users per instant: ties are ordered by userId
		List<Row> users = new ArrayList<>();
		for (int i = 0; i < 23; i++) {
			users.add(insertUser(appid, BASE.plus(i / 3, ChronoUnit.SECONDS).plusNanos(1000L * (i % 2))));
		}
		List<String> expected = users.stream()
			.sorted(Comparator.comparing(Row::createdAt).thenComparing(Row::id))
			.map(Row::id)
			.toList();

		for (int limit : new int[] { 1, 2, 5, 22, 23, 24, 1000 }) {
			List<JsonNode> pages = walk("/admin/users?appid=" + appid, limit);
			assertThat(pages).as("limit %d", limit).hasSize(Math.max(1, (23 + limit - 1) / limit));
			pages.subList(0, pages.size() - 1).forEach(page -> assertThat(page.get("items").size()).isEqualTo(limit));
			assertThat(ids(pages, "userId")).as("limit %d", limit).containsExactlyElementsOf(expected);
		}
		JsonNode first = walk("/admin/users?appid=" + appid, 3).get(0).get("items").get(0);
		assertThat(first).isEqualTo(admin("GET", "/admin/users/" + expected.get(0), null).json());
	}

	@Test
	void usersInsertedWhilePagingNeitherRepeatNorHideTheOthers() {
		String appid = newApp();
		List<Row> before = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			before.add(insertUser(appid, BASE.plus(i, ChronoUnit.SECONDS)));
		}
		List<String> seen = new ArrayList<>();
		Response page = admin("GET", "/admin/users?appid=" + appid + "&limit=5", null);
		seen.addAll(ids(List.of(page.json()), "userId"));
		String cursor = page.json().get("nextCursor").stringValue();
		Instant lastSeen = BASE.plus(4, ChronoUnit.SECONDS);
		// before the cursor, tied with it (both sides of its id), and after everything
		List<Row> inserted = List.of(insertUser(appid, BASE.minusSeconds(10)), insertUser(appid, lastSeen, "0"),
				insertUser(appid, lastSeen, "z"), insertUser(appid, BASE.plus(7500, ChronoUnit.MILLIS)),
				insertUser(appid, BASE.plus(1, ChronoUnit.DAYS)));
		while (cursor != null) {
			JsonNode next = admin("GET", "/admin/users?appid=" + appid + "&limit=5&cursor=" + cursor, null).json();
			seen.addAll(ids(List.of(next), "userId"));
			cursor = next.get("nextCursor").isNull() ? null : next.get("nextCursor").stringValue();
		}

		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen).containsAll(before.stream().map(Row::id).toList());
		// what sorts after the cursor shows up, in order; what sorts before it does not
		assertThat(seen).doesNotContain(inserted.get(0).id(), inserted.get(1).id())
			.contains(inserted.get(2).id(), inserted.get(3).id(), inserted.get(4).id());
		assertThat(seen.get(seen.size() - 1)).isEqualTo(inserted.get(4).id());
	}

	@Test
	void appsArePagedOldestFirstEachOnce() {
		List<String> mine = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			mine.add(newApp());
		}
		int total = this.jdbc.queryForObject("select count(*) from apps", Integer.class);
		int limit = Math.max(2, total / 8);

		List<JsonNode> pages = walk("/admin/apps", limit);

		assertThat(pages.size()).isGreaterThanOrEqualTo(3);
		List<String> appids = ids(pages, "appid");
		assertThat(appids).doesNotHaveDuplicates().hasSize(total);
		assertThat(appids.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
		List<Long> createdAt = new ArrayList<>();
		pages.forEach(
				page -> page.get("items").values().forEach(app -> createdAt.add(app.get("createdAt").longValue())));
		assertThat(createdAt).isSorted();
		JsonNode app = pages.get(0).get("items").get(0);
		assertThat(app.propertyNames()).containsExactly("appid", "name", "createdAt");
	}

	@Test
	void usernameFilterIsAnExactMatch() {
		String appid = newApp();
		String alice = newUser(appid, "alice", null).get("userId").stringValue();
		newUser(appid, "Alice", null);
		newUser(appid, "alice2", null);
		newUser(newApp(), "alice", null);

		JsonNode page = admin("GET", "/admin/users?appid=" + appid + "&username=alice", null).json();
		assertThat(ids(List.of(page), "userId")).containsExactly(alice);
		assertThat(page.get("nextCursor").isNull()).isTrue();

		JsonNode none = admin("GET", "/admin/users?appid=" + appid + "&username=ali", null).json();
		assertThat(none.get("items").size()).isZero();
		assertThat(none.get("nextCursor").isNull()).isTrue();
		assertProblem(admin("GET", "/admin/users?appid=" + appid + "&username=", null), 400);
	}

	@Test
	void appidIsRequiredAndMustNameAnApp() {
		assertProblem(admin("GET", "/admin/users", null), 400);
		assertProblem(admin("GET", "/admin/users?username=alice", null), 400);
		assertProblem(admin("GET", "/admin/users?appid=", null), 400);
		assertProblem(admin("GET", "/admin/users?appid=a%20b", null), 400);
		assertProblem(admin("GET", "/admin/users?appid=no_such_app", null), 404);
		assertProblem(admin("GET", "/admin/users/nobody/api-keys", null), 404);
		assertProblem(admin("GET", "/admin/leaderboards/gold", null), 404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "1001", "99999", "10000000000", "abc", "", "1.5", "+5", "%205", "5%20", "0x10",
			"%EF%BC%91%EF%BC%90", "1&limit=2" })
	void limitsOutside1To1000Are400Everywhere(String limit) {
		String appid = newApp();
		String userId = newUser(appid, "someone", null).get("userId").stringValue();
		for (String listing : List.of("/admin/apps?", "/admin/users?appid=" + appid + "&",
				"/admin/users/" + userId + "/api-keys?", "/admin/leaderboards/author?")) {
			assertProblem(admin("GET", listing + "limit=" + limit, null), 400);
		}
	}

	@Test
	void limitsAreInclusiveAndDefaultTo100() {
		String appid = newApp();
		for (int i = 0; i < 101; i++) {
			insertUser(appid, BASE.plusSeconds(i));
		}
		assertThat(admin("GET", "/admin/users?appid=" + appid, null).json().get("items").size()).isEqualTo(100);
		assertThat(admin("GET", "/admin/users?appid=" + appid + "&limit=1", null).json().get("items").size())
			.isEqualTo(1);
		JsonNode all = admin("GET", "/admin/users?appid=" + appid + "&limit=1000", null).json();
		assertThat(all.get("items").size()).isEqualTo(101);
		assertThat(all.get("nextCursor").isNull()).isTrue();
		assertThat(admin("GET", "/admin/apps?limit=1000", null).status()).isEqualTo(200);
	}

	@Test
	void cursorsThatThisListingDidNotMakeAre400() {
		String appid = newApp();
		for (int i = 0; i < 3; i++) {
			insertUser(appid, BASE.plusSeconds(i));
		}
		String good = admin("GET", "/admin/users?appid=" + appid + "&limit=1", null).json()
			.get("nextCursor")
			.stringValue();
		assertThat(admin("GET", "/admin/users?appid=" + appid + "&limit=1&cursor=" + good, null).status())
			.isEqualTo(200);
		String appsCursor = admin("GET", "/admin/apps?limit=1", null).json().get("nextCursor").stringValue();
		String text = new String(Base64.getUrlDecoder().decode(good), StandardCharsets.UTF_8);
		// a key of this listing whose base64 ends in a character with unused bits:
		// another
		// spelling of the same bytes is not a cursor this code made
		String key = "users|2030-01-01T00:00:00Z|u_x";
		while (key.length() % 3 != 1) {
			key += "x";
		}
		String canonical = base64(key);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = canonical.charAt(canonical.length() - 1);
		String otherSpelling = canonical.substring(0, canonical.length() - 1)
				+ alphabet.charAt(alphabet.indexOf(last) + 1);
		assertThat(Base64.getUrlDecoder().decode(otherSpelling)).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
		assertThat(admin("GET", "/admin/users?appid=" + appid + "&cursor=" + canonical, null).status()).isEqualTo(200);

		List<String> bad = List.of("", "!!!", "abc", good + "=", good + good, "x".repeat(600), appsCursor,
				otherSpelling, base64(text.replace("users|", "apps|")), base64(text + "|more"),
				base64(text.replaceFirst("\\|[^|]*\\|", "|yesterday|")), base64(text.replaceFirst("\\|[^|]*$", "|a b")),
				base64("users|2030-01-01T00:00:00Z"), base64("users|2030-01-01T00:00:00Z|"), base64("users||u_x"));
		for (String cursor : bad) {
			assertProblem(admin("GET", "/admin/users?appid=" + appid + "&limit=1&cursor="
					+ URLEncoder.encode(cursor, StandardCharsets.UTF_8), null), 400);
		}
		assertProblem(admin("GET", "/admin/apps?cursor=" + good, null), 400);
		assertProblem(admin("GET", "/admin/leaderboards/vip?cursor=" + good, null), 400);
	}

	@Test
	void apiKeysAreListedWithoutTheirTokensOrHashes() {
		String userId = newUser(newApp(), "keyholder", null).get("userId").stringValue();
		List<String> tokens = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JsonNode issued = admin("POST", "/admin/users/" + userId + "/api-keys", null).json();
			tokens.add(issued.get("token").stringValue());
			ids.add(issued.get("id").stringValue());
		}
		assertThat(admin("DELETE", "/admin/api-keys/" + ids.get(1), null).status()).isEqualTo(204);
		List<String> inOrder = this.jdbc
			.queryForList("select id from api_keys where user_id = ? order by created_at, id", String.class, userId);

		List<JsonNode> pages = walk("/admin/users/" + userId + "/api-keys", 2);

		assertThat(pages).hasSize(2);
		assertThat(ids(pages, "id")).containsExactlyElementsOf(inOrder).containsExactlyInAnyOrderElementsOf(ids);
		for (JsonNode page : pages) {
			for (String token : tokens) {
				assertThat(page.toString()).doesNotContain(token)
					.doesNotContain(token.substring(3))
					.doesNotContain(Sha256.hex(token));
			}
			for (JsonNode key : page.get("items").values()) {
				assertThat(key.propertyNames()).containsExactly("id", "createdAt", "revokedAt", "lastUsedAt");
				assertThat(key.get("createdAt").longValue()).isPositive();
				assertThat(key.get("lastUsedAt").isNull()).isTrue();
				assertThat(key.get("revokedAt").isNull()).isEqualTo(!key.get("id").stringValue().equals(ids.get(1)));
			}
		}
	}

	@Test
	void leaderboardsArePagesOfRanks() {
		String appid = newApp();
		List<String> userIds = new ArrayList<>();
		for (String name : List.of("a", "b", "c")) {
			userIds.add(newUser(appid, name, null).get("userId").stringValue());
		}
		assertThat(admin("PUT", "/admin/leaderboards/vip", "{\"userIds\":[\"" + String.join("\",\"", userIds) + "\"]}")
			.status()).isEqualTo(200);
		try {
			List<JsonNode> pages = walk("/admin/leaderboards/vip", 2);
			assertThat(pages).hasSize(2);
			assertThat(ids(pages, "userId")).containsExactlyElementsOf(userIds);
			assertThat(pages.get(1).get("items").get(0).toString())
				.isEqualTo("{\"rank\":3,\"userId\":\"" + userIds.get(2) + "\"}");
			JsonNode whole = admin("GET", "/admin/leaderboards/vip", null).json();
			assertThat(whole.propertyNames()).containsExactly("items", "nextCursor");
			assertThat(whole.get("items").size()).isEqualTo(3);
		}
		finally {
			admin("PUT", "/admin/leaderboards/vip", "{\"userIds\":[]}");
		}
	}

	@Test
	void aKeysUseIsWrittenAtMostOncePerIntervalOffTheRequest() throws InterruptedException {
		String userId = newUser(newApp(), "caller", null).get("userId").stringValue();
		String busy = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		String sentinel = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		long start = System.currentTimeMillis();

		callApi(busy);
		long firstUse = awaitLastUsed(userId, busy);
		assertThat(firstUse).isBetween(start - 1000, System.currentTimeMillis() + 1000);
		for (int i = 0; i < 5; i++) {
			Thread.sleep(2);
			callApi(busy);
		}
		// uses are written in the order they happen: once the later key's use is there,
		// a second write of the first would be too
		callApi(sentinel);
		awaitLastUsed(userId, sentinel);

		assertThat(lastUsed(userId, busy)).isEqualTo(firstUse);
		assertThat(this.jdbc.queryForObject("select count(*) from api_keys where user_id = ? and last_used_at is null",
				Integer.class, userId))
			.isZero();
	}

	private void callApi(String token) {
		Response response = this.http.send("POST", "/api/get-public-user-profile",
				"{\"userId\":\"nobody\"}".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + token,
				"Content-Type", "application/json");
		assertThat(response.status()).as(response.toString()).isEqualTo(404);
	}

	private long awaitLastUsed(String userId, String token) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			Long lastUsed = lastUsed(userId, token);
			if (lastUsed != null) {
				return lastUsed;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("lastUsedAt was not written within 10 s");
	}

	private Long lastUsed(String userId, String token) {
		String id = this.jdbc.queryForObject("select id from api_keys where token_hash = ?", String.class,
				Sha256.hex(token));
		for (JsonNode key : admin("GET", "/admin/users/" + userId + "/api-keys", null).json().get("items").values()) {
			if (key.get("id").stringValue().equals(id)) {
				return key.get("lastUsedAt").isNull() ? null : key.get("lastUsedAt").longValue();
			}
		}
		throw new AssertionError("key " + id + " is not listed");
	}

	/** Every page of a listing, following nextCursor from the first. */
	private List<JsonNode> walk(String listing, int limit) {
		String separator = listing.contains("?") ? "&" : "?";
		List<JsonNode> pages = new ArrayList<>();
		Set<String> cursors = new HashSet<>();
		String cursor = null;
		do {
			Response response = admin("GET",
					listing + separator + "limit=" + limit + ((cursor != null) ? "&cursor=" + cursor : ""), null);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode page = response.json();
			assertThat(page.propertyNames()).containsExactly("items", "nextCursor");
			pages.add(page);
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
			assertThat(cursor == null || cursors.add(cursor)).as("a cursor repeats").isTrue();
			if (cursor != null) {
				assertThat(cursor).matches("[A-Za-z0-9_-]+");
			}
		}
		while (cursor != null);
		return pages;
	}

	private static List<String> ids(List<JsonNode> pages, String field) {
		List<String> ids = new ArrayList<>();
		pages.forEach(page -> page.get("items").values().forEach(item -> ids.add(item.get(field).stringValue())));
		return ids;
	}

	private record Row(String id, Instant createdAt) {
	}

	private Row insertUser(String appid, Instant createdAt) {
		return insertUser(appid, createdAt, "");
	}

	/** A user created at {@code createdAt} (as the database keeps it: microseconds). */
	private Row insertUser(String appid, Instant createdAt, String idPrefix) {
		String userId = idPrefix + unique("u");
		OffsetDateTime at = OffsetDateTime.ofInstant(createdAt.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
		this.jdbc.update("insert into users (user_id, appid, username, created_at, updated_at) values (?, ?, ?, ?, ?)",
				userId, appid, userId, at, at);
		return new Row(userId, at.toInstant());
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
