package dev.facecard.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts every SQL statement the application runs for requests (imported by
 * {@link IntegrationTest}) (datasource-proxy).
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

	private static final AtomicInteger STATEMENTS = new AtomicInteger();

	/**
	 * The thread that records when API keys were used ({@code auth.ApiKeyUsage}), at most
	 * once a minute per key and off the requests.
	 */
	private static final String BACKGROUND_WRITER = "api-key-usage";

	/** Where {@link #statements} collects SQL while it runs a request; null otherwise. */
	private static volatile List<String> recording;

	/**
	 * Statements {@code request} ran; requests are synchronous, so nothing else runs
	 * meanwhile.
	 */
	public static int count(Runnable request) {
		int before = STATEMENTS.get();
		request.run();
		return STATEMENTS.get() - before;
	}

	/**
	 * The SQL of the statements {@code request} ran, in order, with parameters as
	 * {@code ?}.
	 */
	public static synchronized List<String> statements(Runnable request) {
		List<String> sql = Collections.synchronizedList(new ArrayList<>());
		recording = sql;
		try {
			request.run();
		}
		finally {
			recording = null;
		}
		return List.copyOf(sql);
	}

	@Bean
	static BeanPostProcessor countingDataSource() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
					return ProxyDataSourceBuilder.create(dataSource).afterQuery((execution, queries) -> {
						if (BACKGROUND_WRITER.equals(Thread.currentThread().getName())) {
							return; // no request's statement: written whenever its queue
									// has work
						}
						STATEMENTS.addAndGet(queries.size());
						List<String> sql = recording;
						if (sql != null) {
							queries.forEach(query -> sql.add(query.getQuery()));
						}
						SlowQueries.afterQuery(queries);
					}).build();
				}
				return bean;
			}

		};
	}

}
