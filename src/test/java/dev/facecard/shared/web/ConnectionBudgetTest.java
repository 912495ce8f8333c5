package dev.facecard.shared.web;

import java.util.List;
import java.util.Objects;

import dev.facecard.shared.config.FacecardProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * How many connections may be open at once when {@code server.tomcat.max-connections} is
 * not set: what is left of the heap after a quarter of it, the byte-bounded caches (112
 * MB by default) and 32 MB, in pieces of 72 KB a connection with the 32 KB write buffer
 * (8 KB read buffer, 32 KB for a request under way). The figures are worked out by hand.
 */
class ConnectionBudgetTest {

	private static final long MB = 1024 * 1024;

	private static final long DEFAULT_CACHES = 112 * MB;

	@Test
	void theImagesHeapHoldsFourAndAHalfThousandConnectionsNotTomcats8192() {
		// 60% of compose's 1 GB: 614 MB - 153.5 - 112 - 32 = 316.5 MB = 4,501.3 x 72 KB
		assertThat(ConnectionBudget.maxOpen(614 * MB, DEFAULT_CACHES, 32 * 1024)).isEqualTo(4501);
	}

	@Test
	void aHeapOf256MegabytesHolds682() {
		// 256 - 64 - 112 - 32 = 48 MB = 682.7 x 72 KB
		assertThat(ConnectionBudget.maxOpen(256 * MB, DEFAULT_CACHES, 32 * 1024)).isEqualTo(682);
	}

	@Test
	void aSmallerWriteBufferLeavesRoomForMore() {
		// 48 MB = 1,024 x 48 KB
		assertThat(ConnectionBudget.maxOpen(256 * MB, DEFAULT_CACHES, 8 * 1024)).isEqualTo(1024);
	}

	@Test
	void aLargeHeapKeepsTomcatsLimit() {
		assertThat(ConnectionBudget.maxOpen(16 * 1024 * MB, DEFAULT_CACHES, 32 * 1024)).isEqualTo(8192);
	}

	@Test
	void aHeapTooSmallForAHundredFailsStartUp() {
		// 192 - 48 - 112 - 32 = 0
		assertThatIllegalStateException()
			.isThrownBy(() -> ConnectionBudget.maxOpen(192 * MB, DEFAULT_CACHES, 32 * 1024))
			.withMessageContaining("192 MB");
		// room for 99 connections and 1,000 bytes
		long justShort = 4 * (DEFAULT_CACHES + 32 * MB + 99 * 72 * 1024 + 1000) / 3;
		assertThatIllegalStateException()
			.isThrownBy(() -> ConnectionBudget.maxOpen(justShort, DEFAULT_CACHES, 32 * 1024));
		assertThat(ConnectionBudget.maxOpen(justShort + 72 * 1024 * 4 / 3, DEFAULT_CACHES, 32 * 1024)).isEqualTo(100);
	}

	@Test
	void aRefusedStartSaysWhatToChangeInsteadOfAStackTrace() {
		Throwable refused = new IllegalStateException("Failed to instantiate the connector",
				catchThrowable(() -> ConnectionBudget.maxOpen(192 * MB, DEFAULT_CACHES, 32 * 1024)));
		// as Spring Boot finds them (those that need the application context are left
		// out)
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, (type, name, failure) -> {
			});
		FailureAnalysis analysis = analyzers.stream()
			.map(analyzer -> analyzer.analyze(refused))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow();

		assertThat(analysis.getDescription()).isEqualTo(
				"A heap of 192 MB holds 0 open connections of 72 KB beside" + " caches of 112 MB, fewer than 100.");
		assertThat(analysis.getAction()).contains("-Xmx", "facecard.cache.*-bytes", "server.tomcat.max-connections");
	}

	@Test
	void theCachesAreBoundedBy112MegabytesByDefault() {
		assertThat(properties(new MockEnvironment()).cache().boundedBytes()).isEqualTo(DEFAULT_CACHES);
	}

	@Test
	void theConnectorTakesTheBudgetUnlessMaxConnectionsIsSet() {
		MockEnvironment unset = new MockEnvironment();
		assertThat(WebConfiguration.maxConnections(unset, properties(unset), 256 * MB)).isEqualTo(682);

		MockEnvironment set = new MockEnvironment().withProperty("server.tomcat.max-connections", "300");
		// even where the budget would refuse the heap: the operator decided
		assertThat(WebConfiguration.maxConnections(set, properties(set), 128 * MB)).isEqualTo(300);

		MockEnvironment smallerCaches = new MockEnvironment().withProperty("facecard.cache.profile-card-bytes", "16MB");
		// 32 MB more room: 80 MB = 1,137.8 x 72 KB
		assertThat(WebConfiguration.maxConnections(smallerCaches, properties(smallerCaches), 256 * MB)).isEqualTo(1137);
	}

	private static FacecardProperties properties(MockEnvironment environment) {
		return Binder.get(environment).bindOrCreate("facecard", FacecardProperties.class);
	}

}
