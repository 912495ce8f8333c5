package dev.facecard.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL of the integration tests, one per test run. With a Docker engine: a
 * Testcontainers PostgreSQL. Without one: a database created for this run on the server
 * named by {@code FACECARD_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://localhost:5432/postgres}, user
 * {@code FACECARD_TEST_POSTGRES_USER} or {@code postgres}, password
 * {@code FACECARD_TEST_POSTGRES_PASSWORD}), dropped when the run ends.
 */
public final class TestPostgres {

	public record Database(String url, String username, String password) {
	}

	private static Database database;

	private TestPostgres() {
	}

	public static synchronized Database get() {
		if (database == null) {
			database = dockerAvailable() ? startContainer() : createLocalDatabase();
		}
		return database;
	}

	static boolean dockerAvailable() {
		if ("false".equalsIgnoreCase(System.getenv("FACECARD_TEST_DOCKER"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	// stopped by Testcontainers' reaper at the end of the run
	@SuppressWarnings("resource")
	private static Database startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
		container.start();
		return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static Database createLocalDatabase() {
		String serverUrl = env("FACECARD_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres");
		String username = env("FACECARD_TEST_POSTGRES_USER", "postgres");
		String password = env("FACECARD_TEST_POSTGRES_PASSWORD", "");
		String name = "facecard_test_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		execute(serverUrl, username, password, "create database " + name);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(
					() -> execute(serverUrl, username, password, "drop database if exists " + name + " with (force)")));
		int slash = serverUrl.lastIndexOf('/');
		int query = serverUrl.indexOf('?', slash);
		String url = serverUrl.substring(0, slash + 1) + name + ((query >= 0) ? serverUrl.substring(query) : "");
		return new Database(url, username, password);
	}

	private static void execute(String url, String username, String password, String sql) {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"PostgreSQL at " + url + " is needed for the integration tests: " + ex.getMessage(), ex);
		}
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
