package dev.facecard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import dev.facecard.app.AppScope;
import dev.facecard.app.AppService;
import dev.facecard.avatar.AvatarUploads;
import dev.facecard.leaderboard.Board;
import dev.facecard.leaderboard.LeaderboardService;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.JsonFields;
import dev.facecard.user.FollowService;
import dev.facecard.user.UserFields;
import dev.facecard.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills app {@code demo} at start-up: the nobase contract's users {@code 13800138000} and
 * {@code 13900139000} with avatars, and {@code user_001}, whose profile reproduces the
 * xiangcao contract's example response (128 followers, 32 following, third on the author
 * board). Runs on the embedded H2 default, or anywhere with
 * {@code facecard.demo-data=true}; never twice on the same database. Everything goes
 * through the services, so the demo data obeys the same rules as the admin API.
 */
@Component
class DemoDataLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	static final String APPID = "demo";

	private static final int FANS = 128;

	private static final int FOLLOWED_BY_USER_001 = 32;

	private final FacecardProperties properties;

	private final DataSource dataSource;

	private final AppService apps;

	private final UserService users;

	private final AvatarUploads avatars;

	private final FollowService follows;

	private final LeaderboardService leaderboards;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	DemoDataLoader(FacecardProperties properties, DataSource dataSource, AppService apps, UserService users,
			AvatarUploads avatars, FollowService follows, LeaderboardService leaderboards,
			PlatformTransactionManager transactionManager, JsonMapper json) {
		this.properties = properties;
		this.dataSource = dataSource;
		this.apps = apps;
		this.users = users;
		this.avatars = avatars;
		this.follows = follows;
		this.leaderboards = leaderboards;
		this.transaction = new TransactionTemplate(transactionManager);
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		boolean enabled = (this.properties.demoData() != null) ? this.properties.demoData() : isEmbeddedH2();
		if (!enabled || this.apps.exists(APPID)) {
			return;
		}
		long started = System.nanoTime();
		// all or nothing: a half-loaded demo would be skipped on the next start as if it
		// were complete
		this.transaction.executeWithoutResult(status -> load());
		log.info("Loaded demo data (app '{}', {} users) in {} ms", APPID, FANS + 3,
				(System.nanoTime() - started) / 1_000_000);
	}

	private void load() {
		this.apps.create(APPID, "Demo app");
		user("user_001", "xiangcao", Map.of("nickname", "香草作者", "bio", "喜欢写角色卡", "vipLevel", 5, "authorLevel", 12,
				"memberUntil", Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), "cardCount", 8));
		user("user_002", "13800138000", Map.of("nickname", "小明", "authorLevel", 20, "cardCount", 31));
		user("user_003", "13900139000", Map.of("nickname", "小红", "bio", "Hello from the demo app", "vipLevel", 18,
				"authorLevel", 15, "cardCount", 12));
		avatar("user_001", "demo/user_001.png");
		avatar("user_002", "demo/13800138000.png");
		avatar("user_003", "demo/13900139000.jpg");
		for (int fan = 1; fan <= FANS; fan++) {
			String userId = String.format("fan_%03d", fan);
			user(userId, String.format("fan%03d", fan), Map.of("nickname", "粉丝" + fan));
			this.follows.follow(userId, "user_001", AppScope.PLATFORM);
			if (fan <= FOLLOWED_BY_USER_001) {
				this.follows.follow("user_001", userId, AppScope.PLATFORM);
			}
		}
		this.leaderboards.replace(Board.AUTHOR, List.of("user_002", "user_003", "user_001"));
		this.leaderboards.replace(Board.VIP, List.of("user_003"));
		// the xiangcao contract's example times, set last because every write above moves
		// updatedAt
		JdbcClient.create(this.dataSource)
			.sql("update users set created_at = :created, updated_at = :updated where user_id = 'user_001'")
			.param("created", Timestamp.from(Instant.ofEpochMilli(1700000000000L)))
			.param("updated", Timestamp.from(Instant.ofEpochMilli(1705000000000L)))
			.update();
	}

	private void user(String userId, String username, Map<String, Object> fields) {
		var body = this.json.createObjectNode();
		body.put("username", username);
		body.setAll((ObjectNode) this.json.valueToTree(fields));
		this.users.create(APPID, userId, UserFields.read(JsonFields.of(body, UserFields.CREATE_FIELDS)),
				AppScope.PLATFORM);
	}

	private void avatar(String userId, String resource) {
		ClassPathResource image = new ClassPathResource(resource);
		try (InputStream in = image.getInputStream()) {
			this.avatars.replace(userId, in, image.contentLength(), AppScope.PLATFORM);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Demo image " + resource + " is part of the build", ex);
		}
	}

	private boolean isEmbeddedH2() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			return "H2".equals(connection.getMetaData().getDatabaseProductName());
		}
	}

}
