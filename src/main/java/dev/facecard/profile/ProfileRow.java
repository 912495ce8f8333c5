package dev.facecard.profile;

import java.time.Instant;

/** What the database holds for one profile card: one row of {@link ProfileRepository}. */
record ProfileRow(String userId, String nickname, String bio, String profileBgUrl, String statusStickerUrl,
		String avatarHash, int vipLevel, int authorLevel, Instant memberUntil, boolean official, boolean banned,
		boolean hidePatronIdentity, boolean hideSocialFromPublic, int cardCount, long followerCount,
		long followingCount, Instant createdAt, Instant updatedAt, Integer topAuthorRank, Integer topVipRank) {
}
