package dev.facecard.shared.data;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Relays {@link ReplicatedEvent}s between instances through PostgreSQL's LISTEN/NOTIFY,
 * so that a change made on one instance evicts the caches of all of them within
 * milliseconds instead of after {@code facecard.cache.ttl}. PostgreSQL rather than Redis
 * pub/sub: every deployment has it (Redis is optional), and a NOTIFY sent inside the
 * writing transaction is delivered exactly when it commits, never for a rollback. A
 * notification missed while this instance's listening connection was down costs at most
 * the TTL, which bounds every cache anyway. Off on other databases (the embedded H2 is a
 * single instance).
 */
@Component
class ChangeNotifications implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ChangeNotifications.class);

	private static final String CHANNEL = "facecard_changes";

	/** PostgreSQL refuses payloads from 8000 bytes on. */
	private static final int MAX_PAYLOAD_BYTES = 7900;

	private static final long HEALTH_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final HikariDataSource postgres;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	/**
	 * Tells this instance's own notifications apart: it evicted its caches when it made
	 * the change.
	 */
	private final String origin = UUID.randomUUID().toString();

	private volatile Thread listener;

	ChangeNotifications(DataSource dataSource, JdbcTemplate jdbc, JsonMapper json, ApplicationEventPublisher events) {
		HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class);
		this.postgres = (hikari != null && hikari.getJdbcUrl() != null
				&& hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) ? hikari : null;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	/**
	 * Sent with the transaction that made the change; events this instance received are
	 * not sent again.
	 */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	// after this instance's own evictions, when there is no transaction
	@Order(Ordered.LOWEST_PRECEDENCE)
	void send(ReplicatedEvent event) {
		if (this.postgres == null || Thread.currentThread() == this.listener) {
			return;
		}
		ObjectNode message = this.json.createObjectNode()
			.put("origin", this.origin)
			.put("type", event.getClass().getName());
		message.set("event", this.json.valueToTree(event));
		String payload = this.json.writeValueAsString(message);
		if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
			logger.warn("A {} is too large to relay; other instances see it after facecard.cache.ttl",
					event.getClass().getSimpleName());
			return;
		}
		logger.debug("Sending a {}", event.getClass().getSimpleName());
		try {
			this.jdbc.query("select pg_notify(?, ?)", row -> {
			}, CHANNEL, payload);
		}
		catch (DataAccessException ex) {
			// sent after an upload's commit: the change stands, and the other instances'
			// TTL covers it
			logger.warn("Could not notify other instances of a {} ({})", event.getClass().getSimpleName(),
					ex.getClass().getSimpleName());
		}
	}

	@Override
	public void start() {
		if (this.postgres != null) {
			Thread thread = new Thread(this::listen, "facecard-change-notifications");
			thread.setDaemon(true);
			this.listener = thread;
			thread.start();
		}
	}

	@Override
	public void stop() {
		Thread thread = this.listener;
		this.listener = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.listener != null;
	}

	private void listen() {
		boolean warned = false;
		while (this.listener == Thread.currentThread()) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + CHANNEL);
				if (warned) {
					logger.info("Listening for changes of other instances again");
					warned = false;
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				long checkedAt = System.nanoTime();
				while (this.listener == Thread.currentThread()) {
					PGNotification[] received = notifications.getNotifications(1000);
					if (received != null) {
						for (PGNotification notification : received) {
							receive(notification.getParameter());
						}
					}
					if (System.nanoTime() - checkedAt > HEALTH_CHECK_NANOS) {
						// a silently dead connection would never say so
						statement.execute("select 1");
						checkedAt = System.nanoTime();
					}
				}
			}
			catch (SQLException ex) {
				if (!warned) {
					logger.warn("Not listening for changes of other instances ({}); retrying every second, caches "
							+ "stay bounded by facecard.cache.ttl", ex.getMessage());
					warned = true;
				}
				if (!pause()) {
					return;
				}
			}
		}
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.putAll(this.postgres.getDataSourceProperties());
		if (this.postgres.getUsername() != null) {
			properties.setProperty("user", this.postgres.getUsername());
		}
		if (this.postgres.getPassword() != null) {
			properties.setProperty("password", this.postgres.getPassword());
		}
		properties.setProperty("socketTimeout", "10");
		properties.setProperty("ApplicationName", "facecard-change-notifications");
		return DriverManager.getConnection(this.postgres.getJdbcUrl(), properties);
	}

	private void receive(String payload) {
		try {
			JsonNode message = this.json.readTree(payload);
			if (this.origin.equals(message.path("origin").asString())) {
				return;
			}
			Class<?> type = Class.forName(message.path("type").asString(), false, getClass().getClassLoader());
			logger.debug("Received a {}", type.getSimpleName());
			if (ReplicatedEvent.class.isAssignableFrom(type)) {
				this.events.publishEvent(this.json.treeToValue(message.path("event"), type));
			}
		}
		catch (ClassNotFoundException | RuntimeException ex) {
			// an instance of another version may send what this one does not know; the
			// TTL covers it
			logger.warn("Ignored a change notification this instance cannot read ({})", ex.getClass().getSimpleName());
		}
	}

	private boolean pause() {
		try {
			Thread.sleep(1000);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
