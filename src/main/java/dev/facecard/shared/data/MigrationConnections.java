package dev.facecard.shared.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool's connections as the schema's migrations get them: each reads with a timeout
 * of its own instead of the driver's 1 s ({@link PostgresDriverSettings}), set through
 * JDBC's network timeout, which the pool restores when the connection comes back.
 */
final class MigrationConnections extends DelegatingDataSource {

	private final int readTimeoutMillis;

	MigrationConnections(DataSource pool, int readTimeoutMillis) {
		super(pool);
		this.readTimeoutMillis = readTimeoutMillis;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return withReadTimeout(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return withReadTimeout(super.getConnection(username, password));
	}

	private Connection withReadTimeout(Connection connection) throws SQLException {
		try {
			// applied at once by the driver (the socket's timeout): no executor needed
			connection.setNetworkTimeout(Runnable::run, this.readTimeoutMillis);
			return connection;
		}
		catch (SQLFeatureNotSupportedException ex) {
			// a database without read timeouts (the embedded H2) has none to lift
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

}
