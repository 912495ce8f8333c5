package dev.facecard;

import java.util.ArrayList;
import java.util.List;

import dev.facecard.app.AppScope;
import dev.facecard.app.AppListing;
import dev.facecard.app.StoredApp;
import dev.facecard.auth.ApiKeyListing;
import dev.facecard.auth.StoredApiKey;
import dev.facecard.leaderboard.Board;
import dev.facecard.leaderboard.LeaderboardListing;
import dev.facecard.leaderboard.RankedUser;
import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;
import dev.facecard.support.TestHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.user.StoredUser;
import dev.facecard.user.UserListing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-configuration default of {@code ./mvnw spring-boot:run}: embedded H2 in
 * PostgreSQL mode, the same Flyway migrations, demo data, and a demo avatar served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultSmokeTest {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private UserListing users;

	@Autowired
	private AppListing apps;

	@Autowired
	private ApiKeyListing apiKeys;

	@Autowired
	private LeaderboardListing leaderboards;

	private TestHttp http;

	@BeforeEach
	void connect() {
		this.http = new TestHttp(this.port);
	}

	@Test
	void runsOnEmbeddedH2() {
		assertThat(this.jdbc.queryForObject("select h2version()", String.class)).isNotBlank();
	}

	@Test
	void listingsPageOnH2() {
		// the keyset queries (row comparisons, fetch first) in H2's PostgreSQL mode
		List<String> userIds = new ArrayList<>();
		String cursor = null;
		do {
			Page<StoredUser> page = this.users.page("demo", null, PageRequest.of("1", cursor), AppScope.PLATFORM);
			page.items().forEach(user -> userIds.add(user.userId()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(userIds).doesNotHaveDuplicates()
			.containsAll(List.of("user_001", "user_002", "user_003"))
			.hasSize(this.jdbc.queryForObject("select count(*) from users where appid = 'demo'", Integer.class));
		this.jdbc.update("insert into apps (appid, name, created_at) values ('h2_listing', 'Listed', "
				+ "timestamp with time zone '2030-01-01 00:00:00+00')");
		// other tests of this JVM may share the embedded database: page through all of it
		List<String> appids = new ArrayList<>();
		String appCursor = null;
		do {
			Page<StoredApp> page = this.apps.page(PageRequest.of("1", appCursor), AppScope.PLATFORM);
			page.items().forEach(app -> appids.add(app.appid()));
			appCursor = page.nextCursor();
		}
		while (appCursor != null);
		assertThat(appids).doesNotHaveDuplicates()
			.contains("demo")
			.hasSize(this.jdbc.queryForObject("select count(*) from apps", Integer.class));
		assertThat(appids.get(appids.size() - 1)).as("the newest app, last").isEqualTo("h2_listing");
		// an app credential's listing: its one app
		assertThat(this.apps.page(PageRequest.of("1000", null), AppScope.of("h2_listing")).items())
			.extracting(StoredApp::appid)
			.containsExactly("h2_listing");
		for (String id : List.of("key_h2_listing_a", "key_h2_listing_b")) {
			this.jdbc.update("insert into api_keys (id, user_id, token_hash, created_at) values (?, 'user_003', ?, "
					+ "timestamp with time zone '2030-01-01 00:00:00+00')", id, id);
		}
		List<String> keyIds = new ArrayList<>();
		String keyCursor = null;
		do {
			// by the app's credential and by the platform token alike
			AppScope scope = keyIds.isEmpty() ? AppScope.of("demo") : AppScope.PLATFORM;
			Page<StoredApiKey> page = this.apiKeys.page("user_003", PageRequest.of("1", keyCursor), scope);
			page.items().forEach(key -> keyIds.add(key.id()));
			keyCursor = page.nextCursor();
		}
		while (keyCursor != null);
		assertThat(keyIds).doesNotHaveDuplicates().endsWith("key_h2_listing_a", "key_h2_listing_b");
		Page<RankedUser> places = this.leaderboards.page(Board.AUTHOR, PageRequest.of("1", null));
		if (places.nextCursor() != null) {
			assertThat(this.leaderboards.page(Board.AUTHOR, PageRequest.of("1", places.nextCursor()))
				.items()
				.get(0)
				.rank()).isEqualTo(2);
		}
	}

	@Test
	void servesTheSeedsExampleUsersAvatars() {
		for (String user : new String[] { "13800138000", "13900139000" }) {
			Response response = this.http.get("/api/user/get_avatar?appid=demo&user=" + user);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
			assertThat(response.body()).startsWith(0xFF, 0xD8, 0xFF);
		}
		assertThat(this.http.get("/api/user/get_avatar?appid=demo&user=10000000000").json().get("msg").stringValue())
			.isEqualTo("用户不存在");
	}

	@Test
	void clientFollowingTheContractsPythonSnippetGetsImageOrMessage() {
		// the nobase contract's snippet: image when Content-Type == "image/jpeg", else
		// response.json()['msg']
		assertThat(seedClient("/api/user/get_avatar?appid=demo&user=13900139000")).startsWith("image:");
		assertThat(seedClient("/api/user/get_avatar?appid=demo")).isEqualTo("接口参数错误");
		assertThat(seedClient("/api/user/get_avatar?appid=demo&user=13700137000")).isEqualTo("用户不存在");
	}

	private String seedClient(String pathAndQuery) {
		Response response = this.http.get(pathAndQuery);
		if ("image/jpeg".equals(response.header("Content-Type"))) {
			return "image:" + response.body().length;
		}
		return response.json().get("msg").stringValue();
	}

	@Test
	void demoUser001MatchesTheXiangcaoSeedsExample() {
		var user = this.jdbc.queryForMap("""
				select nickname, bio, vip_level, author_level, card_count, follower_count, following_count,
				       member_until > current_timestamp as member, avatar_hash is not null as has_avatar,
				       official, banned, hide_patron_identity
				from users where user_id = 'user_001'""");
		assertThat(user).containsEntry("nickname", "香草作者")
			.containsEntry("bio", "喜欢写角色卡")
			.containsEntry("vip_level", 5)
			.containsEntry("author_level", 12)
			.containsEntry("card_count", 8)
			.containsEntry("follower_count", 128L)
			.containsEntry("following_count", 32L)
			.containsEntry("member", true)
			.containsEntry("has_avatar", true)
			.containsEntry("official", false)
			.containsEntry("banned", false)
			.containsEntry("hide_patron_identity", false);
		assertThat(this.jdbc.queryForObject("select count(*) from follows where followee_id = 'user_001'", Long.class))
			.isEqualTo(128);
		assertThat(this.jdbc.queryForObject(
				"select rank_no from leaderboard_entries where board = 'author' and user_id = 'user_001'",
				Integer.class))
			.isEqualTo(3);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from leaderboard_entries where board = 'vip' and user_id = 'user_001'", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForList("""
				select created_at, updated_at from users where user_id = 'user_001'""")
			.get(0)
			.values()
			.stream()
			.map(value -> ((java.time.OffsetDateTime) value).toInstant().toEpochMilli()))
			.containsExactly(1700000000000L, 1705000000000L);
	}

}
