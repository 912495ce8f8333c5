package dev.facecard.app;

import java.time.Instant;

/**
 * A credential of an app on the admin API, as stored. Only the SHA-256 of its secret is
 * stored; the secret itself is shown once.
 */
record AppCredential(String id, String appid, String tokenHash, Instant createdAt, Instant revokedAt) {

}
