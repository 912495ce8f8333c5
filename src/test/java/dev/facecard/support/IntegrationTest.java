package dev.facecard.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the integration tests: the whole service over the real PostgreSQL of {@link TestPostgres}. */
public abstract class IntegrationTest extends HttpIntegrationTest {

	@DynamicPropertySource
	public static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.Database database = TestPostgres.get();
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

}
