package dev.facecard.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.quicktheories.core.Gen;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Base of the property-based tests of hostile requests: the service on its real port (the
 * integration tests' context, rate limits out of the way), requests sent byte for byte,
 * and a check that the stored data is the same after a whole property as before it.
 * <p>
 * Every run sends the same requests: each property draws them from a seed fixed by its
 * name ({@link #seed}). With {@code -Dfacecard.explore=true} (or the environment variable
 * {@code FACECARD_EXPLORE=true}) each draws from a fresh seed instead. A failure names
 * its seed and the command that replays it ({@code -DQT_SEED=<seed>}); what exploration
 * finds becomes a named request in {@link HostileRequestExamplesTest}.
 */
abstract class HostilePropertyTest extends IntegrationTest {

	/** Generated requests per endpoint, at least. */
	static final int TRIES = 1000;

	/**
	 * Fresh seeds instead of the fixed ones, to look for what the fixed requests miss.
	 */
	static final boolean EXPLORE = Boolean.getBoolean("facecard.explore")
			|| Boolean.parseBoolean(System.getenv("FACECARD_EXPLORE"));

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	private int port;

	RawHttp raw;

	/**
	 * {@code Class#method}: what {@code -Dtest} takes, and what the fixed seed is made
	 * from.
	 */
	private String property;

	@BeforeEach
	void raw(TestInfo test) {
		this.raw = new RawHttp(this.port);
		this.property = getClass().getSimpleName() + "#" + test.getTestMethod().orElseThrow().getName();
	}

	/**
	 * The seed of a property: {@code -DQT_SEED} when given (a replay), a fresh one when
	 * exploring, otherwise the first 63 bits of the MD5 of its {@code Class#method} name
	 * (so renaming a property changes its requests).
	 */
	static long seed(String property) {
		String replay = System.getProperty("QT_SEED");
		if (replay != null && !replay.isBlank()) {
			return Long.parseLong(replay.strip());
		}
		if (EXPLORE) {
			return ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
		}
		return UUID.nameUUIDFromBytes(property.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits()
				& Long.MAX_VALUE;
	}

	/**
	 * Sends at least {@value #TRIES} generated requests; each answer must pass
	 * {@code check}; nothing stored changes. Among the answers must be each status of
	 * {@code mustSee}: proof that the requests reach past the first check, into the code
	 * behind it.
	 */
	void holds(Gen<HostileRequest> requests, BiConsumer<HostileRequest, Response> check, Integer... mustSee) {
		long seed = seed(this.property);
		String origin = (System.getProperty("QT_SEED") != null) ? "replayed" : EXPLORE ? "fresh" : "fixed";
		String before = StoredData.fingerprint(this.jdbc);
		AtomicInteger sent = new AtomicInteger();
		Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
		if (EXPLORE) {
			System.out.printf("%s: exploring from seed %d%n", this.property, seed);
		}
		try {
			// QuickTheories skips a draw it has tried before: ask for a few more than the
			// minimum
			qt().withFixedSeed(seed)
				.withExamples(TRIES + TRIES / 20)
				.withShrinkCycles(200)
				.forAll(requests)
				.checkAssert(request -> {
					sent.incrementAndGet();
					Response response = this.raw.exchange(request.bytes());
					statuses.merge(response.status(), 1, Integer::sum);
					check.accept(request, response);
				});
			assertThat(sent.get()).isGreaterThanOrEqualTo(TRIES);
			assertThat(statuses.keySet()).as("statuses answered (status=count): %s", statuses).contains(mustSee);
			assertThat(StoredData.fingerprint(this.jdbc)).as("stored data").isEqualTo(before);
		}
		catch (AssertionError failure) {
			throw new AssertionError(this.property + " failed on the requests of " + origin + " seed " + seed
					+ "; replay: ./mvnw test -Dtest='" + this.property + "' -DQT_SEED=" + seed, failure);
		}
		System.out.printf("%s: %d requests from %s seed %d, statuses (status=count) %s%n", this.property, sent.get(),
				origin, seed, statuses);
	}

}
