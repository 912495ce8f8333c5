package dev.facecard.shared.web;

import dev.facecard.support.IntegrationTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link LogPrivacyContract} on PostgreSQL. */
class LogPrivacyTest extends LogPrivacyContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		IntegrationTest.postgres(registry);
	}

}
