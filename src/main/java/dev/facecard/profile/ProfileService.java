package dev.facecard.profile;

import java.time.Clock;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;

import dev.facecard.auth.ApiCaller;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.system.Caches;
import dev.facecard.system.FacecardProperties;
import dev.facecard.system.NotFoundException;
import dev.facecard.user.FollowChanged;
import dev.facecard.user.FollowRepository;
import dev.facecard.user.UserChanged;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Public profile cards: uncached, one statement for the card and one for {@code isFollowing} when a caller
 * is known; cached, none. Every write evicts what it changed on this instance at once.
 */
@Service
public class ProfileService {

	private final ProfileRepository profiles;

	private final FollowRepository follows;

	private final PublicProfileAssembler assembler;

	private final Clock clock;

	/** userId to its card's row (or none), for {@code facecard.cache.ttl}. */
	private final Cache<String, Optional<ProfileRow>> rows;

	private final Cache<FollowKey, Boolean> following;

	public ProfileService(ProfileRepository profiles, FollowRepository follows, AvatarUrls avatarUrls,
			FacecardProperties properties, Clock clock) {
		this.profiles = profiles;
		this.follows = follows;
		this.assembler = new PublicProfileAssembler(properties.profile().linkNicknamePlaceholder(), avatarUrls::of);
		this.clock = clock;
		this.rows = Caches.lookups(properties.cache());
		this.following = Caches.lookups(properties.cache());
	}

	/**
	 * The card of {@code userId} as a stranger sees it, plus {@code isFollowing} when {@code caller} is
	 * someone else. Unknown and banned users are not found alike.
	 */
	public PublicProfile find(String userId, Optional<ApiCaller> caller) {
		ProfileRow row = this.rows.get(userId, this.profiles::find)
			.filter(found -> !found.banned())
			.orElseThrow(() -> new NotFoundException("No user with that userId."));
		PublicProfile card = this.assembler.assemble(row, this.clock.instant());
		return caller.map(ApiCaller::userId)
			.filter(callerId -> !callerId.equals(userId))
			.map(callerId -> card.withIsFollowing(this.following.get(new FollowKey(callerId, userId),
					key -> this.follows.existsByFollowerIdAndFolloweeId(callerId, userId))))
			.orElse(card);
	}

	/** Forgets what a write changed; runs after its commit. */
	@TransactionalEventListener(fallbackExecution = true)
	void evict(UserChanged change) {
		this.rows.invalidate(change.userId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(FollowChanged change) {
		this.following.invalidate(new FollowKey(change.followerId(), change.followeeId()));
	}

	private record FollowKey(String followerId, String followeeId) {
	}

}
