package dev.facecard.admin;

import java.time.Instant;

import dev.facecard.user.User;

/** Everything stored about a user, as the admin API shows it; times in epoch milliseconds. */
public record AdminUserView(String userId, String appid, String username, String nickname, String bio,
		String avatarUrl, String profileBgUrl, String statusStickerUrl, int vipLevel, int authorLevel,
		Long memberUntil, boolean official, boolean banned, boolean hidePatronIdentity, boolean hideSocialFromPublic,
		int cardCount, long followerCount, long followingCount, long createdAt, long updatedAt) {

	static AdminUserView of(User user, String avatarUrl) {
		return new AdminUserView(user.getUserId(), user.getAppid(), user.getUsername(), user.getNickname(),
				user.getBio(), avatarUrl, user.getProfileBgUrl(), user.getStatusStickerUrl(), user.getVipLevel(),
				user.getAuthorLevel(), epochMilli(user.getMemberUntil()), user.isOfficial(), user.isBanned(),
				user.isHidePatronIdentity(), user.isHideSocialFromPublic(), user.getCardCount(),
				user.getFollowerCount(), user.getFollowingCount(), user.getCreatedAt().toEpochMilli(),
				user.getUpdatedAt().toEpochMilli());
	}

	private static Long epochMilli(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

}
