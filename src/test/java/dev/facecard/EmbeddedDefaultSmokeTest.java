package dev.facecard;

import dev.facecard.support.TestHttp;
import dev.facecard.support.TestHttp.Response;
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
