package dev.facecard.admin;

import java.time.Instant;

import dev.facecard.user.StoredUser;

/**
 * Everything stored about a user, as the admin API shows it; times in epoch milliseconds.
 */
public record AdminUserView(String userId, String appid, String username, String nickname, String bio, String avatarUrl,
		String profileBgUrl, String statusStickerUrl, int vipLevel, int authorLevel, Long memberUntil, boolean official,
		boolean banned, boolean hidePatronIdentity, boolean hideSocialFromPublic, int cardCount, long followerCount,
		long followingCount, long createdAt, long updatedAt) {

	static AdminUserView of(StoredUser user, String avatarUrl) {
		return new AdminUserView(user.userId(), user.appid(), user.username(), user.nickname(), user.bio(), avatarUrl,
				user.profileBgUrl(), user.statusStickerUrl(), user.vipLevel(), user.authorLevel(),
				epochMilli(user.memberUntil()), user.official(), user.banned(), user.hidePatronIdentity(),
				user.hideSocialFromPublic(), user.cardCount(), user.followerCount(), user.followingCount(),
				user.createdAt().toEpochMilli(), user.updatedAt().toEpochMilli());
	}

	static Long epochMilli(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

}
