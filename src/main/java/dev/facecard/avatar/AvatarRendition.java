package dev.facecard.avatar;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A small rendition of a stored avatar ({@link #SIDES}), made once when the avatar was
 * stored. Immutable once stored; removed with its avatar.
 */
@Entity
@Table(name = "avatar_renditions")
@IdClass(AvatarRendition.Key.class)
class AvatarRendition {

	/**
	 * The sides of the renditions made of every avatar larger than them, largest first.
	 */
	static final int[] SIDES = { 256, 64 };

	@Id
	private String hash;

	@Id
	private int side;

	private byte[] jpeg;

	private int width;

	private int height;

	protected AvatarRendition() {
	}

	/** The primary key: the avatar's hash and the rendition's side. */
	static class Key implements Serializable {

		private String hash;

		private int side;

		protected Key() {
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.side == this.side && Objects.equals(key.hash, this.hash);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.hash, this.side);
		}

	}

}
