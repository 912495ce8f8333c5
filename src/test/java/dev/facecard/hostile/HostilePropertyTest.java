package dev.facecard.hostile;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.quicktheories.core.Gen;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Base of the property-based tests of hostile requests: the service on its real port (the integration tests'
 * context, rate limits out of the way), requests sent byte for byte, and a check that the stored data is the
 * same after a whole property as before it. A failure prints the shrunk request and the seed;
 * {@code -DQT_SEED=<seed>} replays it.
 */
abstract class HostilePropertyTest extends IntegrationTest {

	/** Generated requests per endpoint, at least. */
	static final int TRIES = 1000;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	private int port;

	RawHttp raw;

	@BeforeEach
	void raw() {
		this.raw = new RawHttp(this.port);
	}

	/**
	 * Sends at least {@value #TRIES} generated requests; each answer must pass {@code check}; nothing stored
	 * changes. Among the answers must be each status of {@code mustSee}: proof that the requests reach past
	 * the first check, into the code behind it.
	 */
	void holds(Gen<HostileRequest> requests, BiConsumer<HostileRequest, Response> check, Integer... mustSee) {
		String before = StoredData.fingerprint(this.jdbc);
		AtomicInteger sent = new AtomicInteger();
		Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
		// QuickTheories skips a draw it has tried before: ask for a few more than the minimum
		qt().withExamples(TRIES + TRIES / 20).withShrinkCycles(200).forAll(requests).checkAssert(request -> {
			sent.incrementAndGet();
			Response response = this.raw.exchange(request.bytes());
			statuses.merge(response.status(), 1, Integer::sum);
			check.accept(request, response);
		});
		assertThat(sent.get()).isGreaterThanOrEqualTo(TRIES);
		assertThat(statuses.keySet()).as("statuses answered (status=count): %s", statuses).contains(mustSee);
		assertThat(StoredData.fingerprint(this.jdbc)).as("stored data").isEqualTo(before);
	}

}
