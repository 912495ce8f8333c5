package dev.facecard.profile;

import java.time.Instant;
import java.util.function.Function;

/**
 * The one place that decides what a user sees of their own profile: the public card's
 * fields without the filters meant for strangers ({@link PublicProfileAssembler}), and
 * the account's settings. Never {@code isFollowing}: nobody follows themselves.
 */
final class OwnProfileAssembler {

	private OwnProfileAssembler() {
	}

	/**
	 * The profile of {@code own} at {@code now}, its avatar URL made by
	 * {@code avatarUrlOfHash}.
	 */
	static OwnProfile assemble(OwnProfileRow own, Instant now, Function<String, String> avatarUrlOfHash) {
		ProfileRow row = own.card();
		Instant memberUntil = row.memberUntil();
		return new OwnProfile(row.userId(), own.username(), own.appid(), row.nickname(),
				(row.avatarHash() != null) ? avatarUrlOfHash.apply(row.avatarHash()) : null, row.profileBgUrl(),
				row.bio(), row.statusStickerUrl(), row.createdAt().toEpochMilli(),
				row.shownUpdatedAt(now).toEpochMilli(), row.vipLevel(), row.authorLevel(), row.isMember(now),
				(memberUntil != null) ? memberUntil.toEpochMilli() : null, row.official(), row.followerCount(),
				row.followingCount(), row.cardCount(), row.topAuthorRank(), row.topVipRank(), row.hidePatronIdentity(),
				row.hideSocialFromPublic());
	}

}
