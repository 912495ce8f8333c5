package dev.facecard.profile;

import java.time.Instant;
import java.util.function.Function;

/**
 * The one place that decides what a stranger may see of a profile (README, "Try it": the
 * card's fields). The same card is shown to everyone, the user themselves included; only
 * {@code isFollowing} is added per caller.
 */
final class PublicProfileAssembler {

	private final String linkNicknamePlaceholder;

	PublicProfileAssembler(String linkNicknamePlaceholder) {
		this.linkNicknamePlaceholder = linkNicknamePlaceholder;
	}

	/**
	 * The card of {@code row} at {@code now}, its avatar URL made by
	 * {@code avatarUrlOfHash}.
	 */
	PublicProfile assemble(ProfileRow row, Instant now, Function<String, String> avatarUrlOfHash) {
		boolean showPatron = !row.hidePatronIdentity();
		return new PublicProfile(row.userId(), nickname(row.nickname()),
				(row.avatarHash() != null) ? avatarUrlOfHash.apply(row.avatarHash()) : null, row.profileBgUrl(),
				row.bio(), row.statusStickerUrl(), row.createdAt().toEpochMilli(),
				row.shownUpdatedAt(now).toEpochMilli(), showPatron ? row.vipLevel() : null, row.authorLevel(),
				showPatron ? row.isMember(now) : null, row.official() ? Boolean.TRUE : null, row.followerCount(),
				row.followingCount(), row.cardCount(), row.topAuthorRank(), showPatron ? row.topVipRank() : null, null,
				row.hideSocialFromPublic() ? Boolean.TRUE : null);
	}

	private String nickname(String nickname) {
		return (nickname != null && NicknameLinks.containsLink(nickname)) ? this.linkNicknamePlaceholder : nickname;
	}

}
