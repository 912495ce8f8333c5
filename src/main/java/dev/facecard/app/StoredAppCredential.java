package dev.facecard.app;

import java.time.Instant;

/** A credential as it may be shown: never its secret, nor the secret's hash. */
public record StoredAppCredential(String id, String appid, Instant createdAt, Instant revokedAt) {

	static StoredAppCredential of(AppCredential credential) {
		return new StoredAppCredential(credential.id(), credential.appid(), credential.createdAt(),
				credential.revokedAt());
	}

}
