package dev.facecard.shared.web;

import dev.facecard.support.TestDatabase;

import org.springframework.context.annotation.Import;

/** {@link LogPrivacyContract} on PostgreSQL. */
@Import(TestDatabase.class)
class LogPrivacyTest extends LogPrivacyContract {

}
