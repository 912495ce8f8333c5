package dev.facecard.avatar;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A normalised avatar image, addressed by the SHA-256 of its bytes. Immutable once
 * stored.
 */
@Entity
@Table(name = "avatars")
class Avatar {

	@Id
	private String hash;

	private byte[] jpeg;

	private int byteSize;

	private int width;

	private int height;

	private Instant createdAt;

	protected Avatar() {
	}

}
