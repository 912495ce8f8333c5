package dev.facecard.auth;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link ApiKeyUsage} on its own: which uses are written, when, and that a request never
 * waits for the writer or fails with it.
 */
class ApiKeyUsageTest {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final RecordingJdbc jdbc = new RecordingJdbc();

	private ApiKeyUsage usage;

	@AfterEach
	void stop() throws InterruptedException {
		this.jdbc.release.countDown();
		if (this.usage != null) {
			this.usage.destroy();
		}
	}

	@Test
	void aKeyIsWrittenAtMostOncePerInterval() throws InterruptedException {
		this.usage = new ApiKeyUsage(this.jdbc, this.clock, Duration.ofMinutes(1), 100, 1000);
		this.jdbc.release.countDown();

		this.usage.used("h1");
		this.usage.used("h1");
		this.clock.advance(Duration.ofSeconds(59));
		this.usage.used("h1");
		this.usage.used("h2");
		assertThat(this.jdbc.next()).isEqualTo(new Write("h1", T0));
		assertThat(this.jdbc.next()).isEqualTo(new Write("h2", T0.plusSeconds(59)));

		this.clock.advance(Duration.ofSeconds(1));
		this.usage.used("h1");
		this.usage.used("h1");
		this.usage.used("h3");
		assertThat(this.jdbc.next()).isEqualTo(new Write("h1", T0.plusSeconds(60)));
		// written in order: h3 after h1 means no second h1 came between
		assertThat(this.jdbc.next()).isEqualTo(new Write("h3", T0.plusSeconds(60)));
		assertThat(this.jdbc.written.poll(200, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void aStuckOrFailingDatabaseNeverHoldsOrFailsTheCaller() throws InterruptedException {
		this.usage = new ApiKeyUsage(this.jdbc, this.clock, Duration.ZERO, 10, 1000);
		long start = System.nanoTime();
		// the writer is stuck in its first write: the queue fills, later uses are dropped
		for (int i = 0; i < 10_000; i++) {
			this.clock.advance(Duration.ofMillis(1));
			this.usage.used("h" + (i % 50));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

		this.jdbc.failing.set(true);
		this.jdbc.release.countDown();
		assertThat(this.jdbc.attempts.poll(5, TimeUnit.SECONDS)).isNotNull();
		// the uses queued meanwhile, taken in a second attempt: until then the queue is
		// full and a use now would be dropped
		assertThat(this.jdbc.attempts.poll(5, TimeUnit.SECONDS)).isNotNull();
		this.jdbc.failing.set(false);
		this.jdbc.written.clear();
		this.clock.advance(Duration.ofMinutes(1));
		assertThatNoException().isThrownBy(() -> this.usage.used("after"));
		Write write;
		do {
			write = this.jdbc.next();
		}
		while (!write.tokenHash().equals("after"));
		assertThat(write.at()).isEqualTo(this.clock.instant());
	}

	record Write(String tokenHash, Instant at) {
	}

	/** Records each batched update's token hash and time instead of writing it. */
	static final class RecordingJdbc extends JdbcTemplate {

		final BlockingQueue<Write> written = new LinkedBlockingQueue<>();

		final BlockingQueue<Integer> attempts = new LinkedBlockingQueue<>();

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicReference<Boolean> failing = new AtomicReference<>(false);

		@Override
		public <T> int[][] batchUpdate(String sql, Collection<T> batchArgs, int batchSize,
				ParameterizedPreparedStatementSetter<T> setter) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new int[0][];
			}
			this.attempts.add(batchArgs.size());
			if (this.failing.get()) {
				throw new DataAccessResourceFailureException("down");
			}
			for (T argument : batchArgs) {
				Object[] values = new Object[3];
				PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
						new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
							if (method.getName().startsWith("set")) {
								values[(int) args[0] - 1] = args[1];
							}
							return null;
						});
				try {
					setter.setValues(statement, argument);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
				this.written.add(new Write((String) values[1], ((OffsetDateTime) values[0]).toInstant()));
			}
			return new int[0][];
		}

		Write next() throws InterruptedException {
			Write write = this.written.poll(5, TimeUnit.SECONDS);
			assertThat(write).as("a write within 5 s").isNotNull();
			return write;
		}

	}

	static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now;

		MutableClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void advance(Duration duration) {
			this.now.updateAndGet(instant -> instant.plus(duration));
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
