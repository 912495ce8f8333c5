package dev.facecard.support;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The integration tests' PostgreSQL ({@link TestPostgres}: a Testcontainers PostgreSQL,
 * or a database of its own on the local server) handed to Spring Boot as connection
 * details, which take the place of {@code spring.datasource.*}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

	@Bean
	JdbcConnectionDetails testPostgres() {
		TestPostgres.Database database = TestPostgres.get();
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return database.url();
			}

			@Override
			public String getUsername() {
				return database.username();
			}

			@Override
			public String getPassword() {
				return database.password();
			}

		};
	}

}
