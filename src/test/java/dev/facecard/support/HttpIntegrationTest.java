package dev.facecard.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.facecard.shared.cache.CacheTrust;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP helpers of the integration tests: the service on a random port, driven like a
 * client would. Tests share one database, so each works in an app of its own
 * ({@link #newApp()}). Subclasses say which database the service runs on
 * ({@link IntegrationTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "facecard.admin-token=" + HttpIntegrationTest.ADMIN_TOKEN, "facecard.demo-data=false",
				// tests share one client IP; the limits themselves are tested in a
				// context of their own
				"facecard.rate-limit.authenticated.limit=1000000", "facecard.rate-limit.anonymous.limit=1000000",
				"facecard.rate-limit.avatar-misses.limit=1000000", "facecard.rate-limit.admin-failures.limit=1000000",
				"facecard.rate-limit.key-failures.limit=1000000", "facecard.rate-limit.resizes.limit=1000000",
				// the batching tests hold card statements open for seconds while misses
				// wait
				// in line; the wait's own bound is tested in a context of its own
				"facecard.cache.profile-miss-wait=30s",
				// Spring keeps many test contexts alive at once: an idle one holds a
				// single connection, so that together they stay well under PostgreSQL's
				// max_connections
				"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000" })
public abstract class HttpIntegrationTest {

	public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

	private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);

	@LocalServerPort
	private int port;

	protected TestHttp http;

	/** Whether the instance under test hears the others' changes. */
	@Autowired
	protected CacheTrust trust;

	@Autowired
	private ObjectProvider<JdbcConnectionDetails> database;

	@BeforeEach
	void connect() {
		this.http = new TestHttp(this.port);
	}

	/**
	 * On PostgreSQL, every test starts as a running instance serves: hearing the others'
	 * changes. A test that looked something up just before its context's first listening
	 * session began (or a session after an outage a test made) would find it retired when
	 * that session begins (CacheTrust), and a test expecting it cached could fail by
	 * timing alone.
	 */
	@BeforeEach
	void awaitHearingChanges() {
		JdbcConnectionDetails details = this.database.getIfAvailable();
		if (details != null && details.getJdbcUrl() != null && details.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			await().atMost(Duration.ofSeconds(20)).until(this.trust::hearsEveryChange);
		}
	}

	/** An admin call with the admin token; {@code json} may be null. */
	protected Response admin(String method, String path, String json) {
		return this.http.send(method, path, (json != null) ? json.getBytes(StandardCharsets.UTF_8) : null,
				"Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
	}

	protected Response uploadAvatar(String userId, String contentType, byte[] image) {
		return this.http.send("PUT", "/admin/users/" + userId + "/avatar", image, "Authorization",
				"Bearer " + ADMIN_TOKEN, "Content-Type", contentType);
	}

	/** A new app with a unique appid. */
	protected String newApp() {
		String appid = unique("app");
		Response created = admin("POST", "/admin/apps", "{\"appid\":\"" + appid + "\",\"name\":\"Test app\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return appid;
	}

	/**
	 * A new user in {@code appid}; {@code extraFields} is JSON members to add, e.g.
	 * {@code "vipLevel":3}.
	 */
	protected JsonNode newUser(String appid, String username, String extraFields) {
		String body = "{\"appid\":\"" + appid + "\",\"username\":\"" + username + "\""
				+ ((extraFields == null || extraFields.isEmpty()) ? "" : "," + extraFields) + "}";
		Response created = admin("POST", "/admin/users", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	/** A board's users, first place first, as the JSON array its PUT takes. */
	protected String boardUserIds(String board) {
		Response places = admin("GET", "/admin/leaderboards/" + board, null);
		assertThat(places.status()).as(places.toString()).isEqualTo(200);
		StringBuilder userIds = new StringBuilder("[");
		places.json()
			.get("items")
			.values()
			.forEach(place -> userIds.append((userIds.length() > 1) ? "," : "")
				.append('"')
				.append(place.get("userId").stringValue())
				.append('"'));
		return userIds.append(']').toString();
	}

	/**
	 * The value of a sample on {@code /actuator/prometheus}: its name and, if given, a
	 * label it carries.
	 */
	protected double metric(String name, String... labels) {
		Response scrape = this.http.get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		Matcher sample = SAMPLE.matcher(scrape.text());
		while (sample.find()) {
			String found = (sample.group(2) != null) ? sample.group(2) : "";
			if (sample.group(1).equals(name) && List.of(labels).stream().allMatch(found::contains)) {
				return Double.parseDouble(sample.group(3));
			}
		}
		throw new AssertionError("No sample " + name + " " + List.of(labels) + " in " + scrape.text());
	}

	protected static String unique(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
