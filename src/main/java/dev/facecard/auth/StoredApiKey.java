package dev.facecard.auth;

import java.time.Instant;

/**
 * An API key as listed: never its token or the token's hash.
 *
 * @param lastUsedAt when it last authenticated an {@code /api/**} call, to within
 * {@code facecard.api-keys.last-used-interval}; null if never
 */
public record StoredApiKey(String id, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
}
