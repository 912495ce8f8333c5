package dev.facecard.profile;

import java.time.Instant;

/** What the database holds for one profile card: one row of {@link ProfileRepository}. */
record ProfileRow(String userId, String nickname, String bio, String profileBgUrl, String statusStickerUrl,
		String avatarHash, int vipLevel, int authorLevel, Instant memberUntil, boolean official, boolean banned,
		boolean hidePatronIdentity, boolean hideSocialFromPublic, int cardCount, long followerCount,
		long followingCount, Instant createdAt, Instant updatedAt, Integer topAuthorRank, Integer topVipRank) {

	/** Whether the membership is valid at {@code now}. */
	boolean isMember(Instant now) {
		return this.memberUntil != null && this.memberUntil.isAfter(now);
	}

	/**
	 * The card's {@code updatedAt} at {@code now}: a membership that ended changed
	 * {@code isMember} at that moment, without any write.
	 */
	Instant shownUpdatedAt(Instant now) {
		return (this.memberUntil != null && this.memberUntil.isAfter(this.updatedAt) && !this.memberUntil.isAfter(now))
				? this.memberUntil : this.updatedAt;
	}

}
