package dev.facecard.user;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * "follower follows followee". Written only through {@link FollowRepository}'s
 * statements.
 */
@Entity
@Table(name = "follows")
@IdClass(Follow.Key.class)
class Follow {

	@Id
	private String followerId;

	@Id
	private String followeeId;

	private Instant createdAt;

	protected Follow() {
	}

	public static class Key implements Serializable {

		private String followerId;

		private String followeeId;

		protected Key() {
		}

		public Key(String followerId, String followeeId) {
			this.followerId = followerId;
			this.followeeId = followeeId;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && Objects.equals(this.followerId, key.followerId)
					&& Objects.equals(this.followeeId, key.followeeId);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.followerId, this.followeeId);
		}

	}

}
