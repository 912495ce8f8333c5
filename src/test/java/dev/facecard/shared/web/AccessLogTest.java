package dev.facecard.shared.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest {

	@Test
	void aBurstLargerThanTheQueueLosesNoLine(CapturedOutput output) throws Exception {
		int threads = 8;
		int perThread = 3000; // 24,000 lines, about three times the queue
		String run = RequestTelemetryFilter.newRequestId();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				writers.add(pool.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						AccessLog.write("GET", "/burst/" + run + "/" + thread + "/" + i, 200, 1_000_000, null);
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get();
			}
		}
		finally {
			pool.shutdown();
		}

		await().atMost(Duration.ofSeconds(30)).until(AccessLog::caughtUp);
		long lines = output.getAll()
			.lines()
			.filter(line -> line.contains("GET /burst/" + run + "/") && line.endsWith(" 200 1ms"))
			.distinct()
			.count();
		assertThat(lines).isEqualTo(threads * perThread);
	}

	@Test
	void aNewLevelOfTheAccessLogCountsForRequestsWithinItsInterval() {
		Logger access = (Logger) LoggerFactory.getLogger("dev.facecard.access");
		Level before = access.getLevel();
		try {
			access.setLevel(Level.INFO);
			await().atMost(Duration.ofSeconds(5)).until(AccessLog::enabled);
			access.setLevel(Level.WARN);
			await().atMost(Duration.ofSeconds(5)).until(() -> !AccessLog.enabled());
			access.setLevel(Level.INFO);
			await().atMost(Duration.ofSeconds(5)).until(AccessLog::enabled);
		}
		finally {
			access.setLevel(before);
		}
	}

}
