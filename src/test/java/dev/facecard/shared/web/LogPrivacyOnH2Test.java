package dev.facecard.shared.web;

/**
 * {@link LogPrivacyContract} on the embedded H2 database, whose error messages carry the
 * refused values.
 */
class LogPrivacyOnH2Test extends LogPrivacyContract {

}
