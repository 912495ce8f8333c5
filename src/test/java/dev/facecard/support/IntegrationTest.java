package dev.facecard.support;

import org.springframework.context.annotation.Import;

/**
 * Base of the integration tests: the whole service over the real PostgreSQL of
 * {@link TestDatabase}, counting its statements ({@link StatementCounter}) and able to
 * hold one open ({@link SlowQueries}), in one application context shared by every test
 * class that changes no setting.
 */
@Import({ TestDatabase.class, StatementCounter.class })
public abstract class IntegrationTest extends HttpIntegrationTest {

}
