package dev.facecard.app;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.facecard.shared.data.AssignedIdEntity;

/**
 * A credential of an app on the admin API. Only the SHA-256 of its secret is stored; the
 * secret itself is shown once.
 */
@Entity
@Table(name = "app_credentials")
class AppCredential extends AssignedIdEntity {

	@Id
	private String id;

	private String appid;

	private String tokenHash;

	private Instant createdAt;

	private Instant revokedAt;

	protected AppCredential() {
	}

	AppCredential(String id, String appid, String tokenHash, Instant createdAt) {
		this.id = id;
		this.appid = appid;
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

	public String getAppid() {
		return this.appid;
	}

	public String getTokenHash() {
		return this.tokenHash;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getRevokedAt() {
		return this.revokedAt;
	}

}
