package dev.facecard.shared.data;

import com.zaxxer.hikari.HikariDataSource;
import dev.facecard.shared.config.FacecardProperties;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL driver settings Facecard depends on. Bounded waits, so an unreachable
 * database is a 503 within 2 s (README, Configuration: within 2 s) instead of a request
 * hanging on a silent socket: the pool waits at most
 * {@code spring.datasource.hikari.connection-timeout}, a TCP connect at most 1 s, and a
 * read at most 1 s (Facecard's statements are index lookups of milliseconds). And no
 * server error detail in exception messages: PostgreSQL's "Key (appid, username)=(…)
 * already exists" would carry a username into the logs. Settings the operator gives in
 * {@code spring.datasource.hikari.data-source-properties} win. The schema's migrations
 * read for up to {@code facecard.migrations.read-timeout} instead
 * ({@link MigrationConnections}): one may rewrite every row of a large table.
 */
@Configuration(proxyBeanMethods = false)
class PostgresDriverSettings {

	@Bean
	static BeanPostProcessor postgresDataSourceProperties() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
						&& dataSource.getJdbcUrl().startsWith("jdbc:postgresql:")) {
					dataSource.getDataSourceProperties().putIfAbsent("connectTimeout", "1");
					dataSource.getDataSourceProperties().putIfAbsent("socketTimeout", "1");
					dataSource.getDataSourceProperties().putIfAbsent("logServerErrorDetail", "false");
				}
				return bean;
			}

		};
	}

	@Bean
	FlywayConfigurationCustomizer migrationReadTimeout(FacecardProperties properties) {
		int millis = Math.toIntExact(properties.migrations().readTimeout().toMillis());
		return configuration -> configuration
			.dataSource(new MigrationConnections(configuration.getDataSource(), millis));
	}

}
