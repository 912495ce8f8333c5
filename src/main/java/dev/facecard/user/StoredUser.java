package dev.facecard.user;

import java.time.Instant;

/**
 * Everything stored about a user, as the user module hands it out (its entity stays
 * inside).
 */
public record StoredUser(String userId, String appid, String username, String nickname, String bio, String avatarHash,
		String profileBgUrl, String statusStickerUrl, int vipLevel, int authorLevel, Instant memberUntil,
		boolean official, boolean banned, boolean hidePatronIdentity, boolean hideSocialFromPublic, int cardCount,
		long followerCount, long followingCount, Instant createdAt, Instant updatedAt) {

	static StoredUser of(User user) {
		return new StoredUser(user.getUserId(), user.getAppid(), user.getUsername(), user.getNickname(), user.getBio(),
				user.getAvatarHash(), user.getProfileBgUrl(), user.getStatusStickerUrl(), user.getVipLevel(),
				user.getAuthorLevel(), user.getMemberUntil(), user.isOfficial(), user.isBanned(),
				user.isHidePatronIdentity(), user.isHideSocialFromPublic(), user.getCardCount(),
				user.getFollowerCount(), user.getFollowingCount(), user.getCreatedAt(), user.getUpdatedAt());
	}

}
