package dev.facecard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.shared.cache.Caches;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.SqlTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records when API keys are used ({@code api_keys.last_used_at}) without a write per
 * request: a key is queued at most once per {@code facecard.api-keys.last-used-interval}
 * (per instance), and a thread of its own writes what is queued in batches. A request
 * never waits for it and never fails because of it: a full queue drops the use, a failed
 * write is logged and forgotten, and what is queued at a crash is lost (the column is a
 * hint, not an audit log).
 */
@Component
class ApiKeyUsage implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyUsage.class);

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration interval;

	/** Token hash to when its use was last queued. */
	private final Cache<String, Instant> queued;

	private final BlockingQueue<Use> pending;

	private final Thread writer;

	@Autowired
	ApiKeyUsage(JdbcTemplate jdbc, Clock clock, FacecardProperties properties) {
		this(jdbc, clock, properties.apiKeys().lastUsedInterval(), properties.apiKeys().lastUsedQueue(),
				properties.cache().maxEntries());
	}

	ApiKeyUsage(JdbcTemplate jdbc, Clock clock, Duration interval, int queueCapacity, int maxKeys) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.interval = interval;
		// a key forgotten early (more keys in use than entries) is only written again
		this.queued = Caches.newBuilder().expireAfterWrite(interval).maximumSize(Math.max(1, maxKeys)).build();
		this.pending = new ArrayBlockingQueue<>(queueCapacity);
		this.writer = new Thread(this::writeUntilStopped, "api-key-usage");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	private record Use(String tokenHash, Instant at) {
	}

	/** A request was authenticated by the key of {@code tokenHash}. Never blocks. */
	void used(String tokenHash) {
		try {
			Instant now = this.clock.instant();
			Instant last = this.queued.getIfPresent(tokenHash);
			if (last != null && now.isBefore(last.plus(this.interval))) {
				return;
			}
			ConcurrentMap<String, Instant> map = this.queued.asMap();
			// of concurrent requests with one key, one queues it
			boolean first = (last != null) ? map.replace(tokenHash, last, now)
					: map.putIfAbsent(tokenHash, now) == null;
			if (first) {
				this.pending.offer(new Use(tokenHash, now));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not note an API key's use: " + ex.getClass().getName());
		}
	}

	private void writeUntilStopped() {
		List<Use> batch = new ArrayList<>(BATCH);
		try {
			while (true) {
				batch.add(this.pending.take());
				this.pending.drainTo(batch, BATCH - 1);
				write(batch);
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			// stopping: what is queued now is written once more, best effort
			this.pending.drainTo(batch);
			write(batch);
		}
	}

	private void write(List<Use> uses) {
		if (uses.isEmpty()) {
			return;
		}
		try {
			// never moves a time back: another instance may have written a later use
			this.jdbc.batchUpdate(
					"update api_keys set last_used_at = ? where token_hash = ? and (last_used_at is null or last_used_at < ?)",
					uses, BATCH, (statement, use) -> {
						OffsetDateTime at = SqlTimes.utc(use.at());
						statement.setObject(1, at);
						statement.setString(2, use.tokenHash());
						statement.setObject(3, at);
					});
		}
		catch (RuntimeException ex) {
			log.warn("Could not record when API keys were last used: " + ex.getClass().getName());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.writer.interrupt();
		this.writer.join(Duration.ofSeconds(2).toMillis());
	}

}
