package dev.facecard.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.facecard.auth.StoredApiKey;

/**
 * An API key as the admin API lists it, times in epoch milliseconds (null: not revoked,
 * never used). Neither the token nor its hash: the token exists only in the answer that
 * issued it.
 */
@JsonInclude(Include.ALWAYS)
public record ApiKeyView(String id, long createdAt, Long revokedAt, Long lastUsedAt) {

	static ApiKeyView of(StoredApiKey key) {
		return new ApiKeyView(key.id(), key.createdAt().toEpochMilli(), epochMilli(key.revokedAt()),
				epochMilli(key.lastUsedAt()));
	}

	private static Long epochMilli(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

}
