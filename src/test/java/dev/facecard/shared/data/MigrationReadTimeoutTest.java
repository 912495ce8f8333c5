package dev.facecard.shared.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.facecard.support.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The driver cuts off any statement PostgreSQL has not answered within 1 s, so that a
 * request fails fast on a silent database; the schema's migrations read for up to
 * {@code facecard.migrations.read-timeout} (30 minutes) instead, and the pool's
 * connections read with the 1 s again once a migration gave them back.
 */
class MigrationReadTimeoutTest extends IntegrationTest {

	private static final String SLOW = "select pg_sleep(1.5)";

	@Autowired
	private Flyway flyway;

	@Autowired
	private DataSource dataSource;

	@Test
	void aMigrationsStatementMayOutlastTheReadTimeoutOfEveryOther() throws SQLException {
		try (Connection connection = this.flyway.getConfiguration().getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			assertThat(connection.getNetworkTimeout()).isEqualTo(30 * 60 * 1000);
			statement.execute(SLOW);
		}

		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute(SLOW);
			}
		});
		// every connection of the pool, the migration's among them, reads with 1 s again
		int poolSize = this.dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
		List<Connection> all = new ArrayList<>();
		try {
			for (int i = 0; i < poolSize; i++) {
				all.add(this.dataSource.getConnection());
			}
			assertThat(all).extracting(Connection::getNetworkTimeout).containsOnly(1000);
		}
		finally {
			for (Connection connection : all) {
				connection.close();
			}
		}
	}

}
