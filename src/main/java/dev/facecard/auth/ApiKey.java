package dev.facecard.auth;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.facecard.shared.data.AssignedIdEntity;

/**
 * An API key of a user. Only the SHA-256 of its token is stored; the token itself is
 * shown once.
 */
@Entity
@Table(name = "api_keys")
class ApiKey extends AssignedIdEntity {

	@Id
	private String id;

	private String userId;

	private String tokenHash;

	private Instant createdAt;

	private Instant revokedAt;

	protected ApiKey() {
	}

	ApiKey(String id, String userId, String tokenHash, Instant createdAt) {
		this.id = id;
		this.userId = userId;
		this.tokenHash = tokenHash;
		this.createdAt = createdAt;
	}

	void revoke(Instant now) {
		if (this.revokedAt == null) {
			this.revokedAt = now;
		}
	}

	@Override
	public String getId() {
		return this.id;
	}

	public String getUserId() {
		return this.userId;
	}

	public String getTokenHash() {
		return this.tokenHash;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
