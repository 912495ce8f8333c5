package dev.facecard.profile;

import java.time.Clock;
import java.util.Optional;

import dev.facecard.auth.ApiCaller;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.system.FacecardProperties;
import dev.facecard.system.NotFoundException;
import dev.facecard.user.FollowRepository;

import org.springframework.stereotype.Service;

/** Public profile cards: one statement for the card, one more for {@code isFollowing} when a caller is known. */
@Service
public class ProfileService {

	private final ProfileRepository profiles;

	private final FollowRepository follows;

	private final PublicProfileAssembler assembler;

	private final Clock clock;

	public ProfileService(ProfileRepository profiles, FollowRepository follows, AvatarUrls avatarUrls,
			FacecardProperties properties, Clock clock) {
		this.profiles = profiles;
		this.follows = follows;
		this.assembler = new PublicProfileAssembler(properties.profile().linkNicknamePlaceholder(), avatarUrls::of);
		this.clock = clock;
	}

	/**
	 * The card of {@code userId} as a stranger sees it, plus {@code isFollowing} when {@code caller} is
	 * someone else. Unknown and banned users are not found alike.
	 */
	public PublicProfile find(String userId, Optional<ApiCaller> caller) {
		ProfileRow row = this.profiles.find(userId)
			.filter(found -> !found.banned())
			.orElseThrow(() -> new NotFoundException("No user with that userId."));
		PublicProfile card = this.assembler.assemble(row, this.clock.instant());
		return caller.map(ApiCaller::userId)
			.filter(callerId -> !callerId.equals(userId))
			.map(callerId -> card.withIsFollowing(this.follows.existsByFollowerIdAndFolloweeId(callerId, userId)))
			.orElse(card);
	}

}
