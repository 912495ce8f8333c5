package dev.facecard.support;

import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Import into a test to hold a lookup in flight: a statement whose SQL contains a chosen text returns its rows only
 * after a pause, so a write can commit between the moment the rows were read and the moment the service caches
 * them. The race a cache must survive, made certain instead of rare.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SlowQueries {

	private static volatile String matching;

	private static volatile long pauseMillis;

	private static final Semaphore PAUSED = new Semaphore(0);

	/** From now on, statements whose SQL contains {@code sqlText} (case-insensitive) pause after running. */
	public static void pause(String sqlText, long millis) {
		PAUSED.drainPermits();
		pauseMillis = millis;
		matching = sqlText.toLowerCase(Locale.ROOT);
	}

	/** Waits until a matching statement has run and is pausing; fails after {@code seconds}. */
	public static void awaitPaused(long seconds) throws InterruptedException {
		if (!PAUSED.tryAcquire(seconds, TimeUnit.SECONDS)) {
			throw new AssertionError("No statement matching '" + matching + "' ran within " + seconds + " s");
		}
	}

	public static void stop() {
		matching = null;
	}

	@Bean
	static BeanPostProcessor slowDataSource() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
					return ProxyDataSourceBuilder.create(dataSource).afterQuery((execution, queries) -> {
						String text = matching;
						if (text != null && queries.stream()
							.anyMatch(query -> query.getQuery().toLowerCase(Locale.ROOT).contains(text))) {
							PAUSED.release();
							try {
								Thread.sleep(pauseMillis);
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
						}
					}).build();
				}
				return bean;
			}

		};
	}

}
