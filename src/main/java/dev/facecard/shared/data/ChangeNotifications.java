package dev.facecard.shared.data;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.facecard.shared.cache.CacheTrust;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
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
 * milliseconds. PostgreSQL rather than Redis pub/sub: every deployment has it (Redis is
 * optional), and a NOTIFY sent inside the writing transaction is delivered exactly when
 * it commits, never for a rollback. The listening connection makes a round trip every
 * {@value #HEARTBEAT_MILLIS} ms and tells {@link CacheTrust} once the notifications that
 * came before its answer are handled: while those confirmations keep coming, lookups are
 * kept for {@code facecard.cache.notified-ttl}; without them (the connection lost, the
 * database slow), for {@code facecard.cache.ttl}, the staleness bound. Off on other
 * databases (the embedded H2 is a single instance).
 */
@Component
class ChangeNotifications implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ChangeNotifications.class);

	private static final String CHANNEL = "facecard_changes";

	/** PostgreSQL refuses payloads from 8000 bytes on. */
	private static final int MAX_PAYLOAD_BYTES = 7900;

	/** A round trip this often; {@link CacheTrust} trusts one for half the TTL. */
	private static final int HEARTBEAT_MILLIS = 500;

	/**
	 * What is sent instead of a change too large to relay: every instance forgets what it
	 * loaded before.
	 */
	private static final String UNNAMED_CHANGE = "*";

	/** Where the listening connection goes; null: not PostgreSQL, nothing relayed. */
	private final JdbcConnectionDetails postgres;

	/** The pool's driver properties (TLS and the like), for the listening connection. */
	private final Properties driverProperties = new Properties();

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final CacheTrust trust;

	/**
	 * Tells this instance's own notifications apart: it evicted its caches when it made
	 * the change.
	 */
	private final String origin = UUID.randomUUID().toString();

	private volatile Thread listener;

	ChangeNotifications(DataSource dataSource, ObjectProvider<JdbcConnectionDetails> connectionDetails,
			JdbcTemplate jdbc, JsonMapper json, ApplicationEventPublisher events, CacheTrust trust) {
		JdbcConnectionDetails details = connectionDetails.getIfAvailable();
		this.postgres = (details != null && details.getJdbcUrl() != null
				&& details.getJdbcUrl().startsWith("jdbc:postgresql:")) ? details : null;
		HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class);
		if (hikari != null) {
			this.driverProperties.putAll(hikari.getDataSourceProperties());
		}
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.trust = trust;
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
			logger.warn("A {} is too large to relay; other instances forget every lookup instead",
					event.getClass().getSimpleName());
			payload = this.json.createObjectNode().put("origin", this.origin).put("type", UNNAMED_CHANGE).toString();
		}
		logger.debug("Sending a {}", event.getClass().getSimpleName());
		try {
			this.jdbc.query("select pg_notify(?, ?)", row -> {
			}, CHANNEL, payload);
		}
		catch (DataAccessException ex) {
			// in the writing transaction, which then cannot commit either
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
				this.trust.listening();
				if (warned) {
					logger.info("Listening for changes of other instances again");
					warned = false;
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.listener == Thread.currentThread()) {
					long sentAt = System.nanoTime();
					// PostgreSQL sends what was notified before it answers; a silently
					// dead connection fails here
					statement.execute("select 1");
					receive(notifications.getNotifications());
					this.trust.confirmed(sentAt);
					receive(notifications.getNotifications(HEARTBEAT_MILLIS));
				}
			}
			catch (SQLException ex) {
				this.trust.lost();
				if (!warned) {
					logger.warn("Not listening for changes of other instances ({}); retrying every second, caches "
							+ "keep lookups for facecard.cache.ttl meanwhile", ex.getMessage());
					warned = true;
				}
				if (!pause()) {
					return;
				}
			}
		}
		this.trust.lost();
	}

	private void receive(PGNotification[] received) {
		if (received != null) {
			for (PGNotification notification : received) {
				receive(notification.getParameter());
			}
		}
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.putAll(this.driverProperties);
		if (this.postgres.getUsername() != null) {
			properties.setProperty("user", this.postgres.getUsername());
		}
		if (this.postgres.getPassword() != null) {
			properties.setProperty("password", this.postgres.getPassword());
		}
		properties.setProperty("socketTimeout", "5");
		properties.setProperty("ApplicationName", "facecard-change-notifications");
		return DriverManager.getConnection(this.postgres.getJdbcUrl(), properties);
	}

	private void receive(String payload) {
		try {
			JsonNode message = this.json.readTree(payload);
			if (this.origin.equals(message.path("origin").asString())) {
				return;
			}
			if (UNNAMED_CHANGE.equals(message.path("type").asString())) {
				this.trust.changedUnheard();
				return;
			}
			Class<?> type = Class.forName(message.path("type").asString(), false, getClass().getClassLoader());
			logger.debug("Received a {}", type.getSimpleName());
			if (ReplicatedEvent.class.isAssignableFrom(type)) {
				this.events.publishEvent(this.json.treeToValue(message.path("event"), type));
			}
		}
		catch (ClassNotFoundException | RuntimeException ex) {
			// an instance of another version may send what this one does not know
			this.trust.changedUnheard();
			logger.warn("Could not read a change notification; forgot every lookup instead ({})",
					ex.getClass().getSimpleName());
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
