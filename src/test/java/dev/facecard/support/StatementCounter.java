package dev.facecard.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.slf4j.MDC;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts every SQL statement the application runs for requests (imported by
 * {@link IntegrationTest}) (datasource-proxy): those run on a thread serving a request,
 * whose logging context holds its request id ({@code RequestTelemetryFilter}, the
 * outermost filter). The count is the whole JVM's, and test contexts cached from earlier
 * classes keep their background threads (key-use writes, image work), whose statements
 * could otherwise land in another test's count.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

	private static final AtomicInteger STATEMENTS = new AtomicInteger();

	/** The request id's key in the logging context ({@code RequestTelemetryFilter}). */
	private static final String REQUEST_ID = "requestId";

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
						if (MDC.get(REQUEST_ID) == null) {
							return; // no request's statement
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
