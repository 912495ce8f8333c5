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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Public profile cards: uncached, one statement for the card and one for {@code isFollowing} when a caller
 * is known; cached, none. A card is assembled and written as JSON once per cache entry (a membership that
 * ends shows within {@code facecard.cache.ttl}). Every write evicts what it changed on this instance at once.
 */
@Service
public class ProfileService {

	private final ProfileRepository profiles;

	private final FollowRepository follows;

	private final PublicProfileAssembler assembler;

	private final AvatarUrls avatarUrls;

	private final JsonMapper json;

	private final Clock clock;

	/** (userId, avatar URL base) to the card as JSON, or to "none" (unknown or banned) alike. */
	private final Cache<CardKey, Optional<CardJson>> cards;

	private final Cache<FollowKey, Boolean> following;

	public ProfileService(ProfileRepository profiles, FollowRepository follows, AvatarUrls avatarUrls,
			FacecardProperties properties, JsonMapper json, Clock clock) {
		this.profiles = profiles;
		this.follows = follows;
		this.assembler = new PublicProfileAssembler(properties.profile().linkNicknamePlaceholder());
		this.avatarUrls = avatarUrls;
		this.json = json;
		this.clock = clock;
		this.cards = Caches.lookups(properties.cache());
		this.following = Caches.lookups(properties.cache());
	}

	/**
	 * The JSON of the card of {@code userId} as a stranger sees it, plus {@code isFollowing} when
	 * {@code caller} is someone else. Unknown and banned users are not found alike.
	 */
	public byte[] findJson(String userId, Optional<ApiCaller> caller) {
		String baseUrl = this.avatarUrls.baseUrl();
		CardJson card = this.cards.get(new CardKey(userId, baseUrl), key -> this.profiles.find(userId)
			.filter(row -> !row.banned())
			.map(row -> new CardJson(this.json.writeValueAsBytes(
					this.assembler.assemble(row, this.clock.instant(), hash -> AvatarUrls.of(baseUrl, hash))))))
			.orElseThrow(() -> new NotFoundException("No user with that userId."));
		Boolean isFollowing = caller.map(ApiCaller::userId)
			.filter(callerId -> !callerId.equals(userId))
			.map(callerId -> this.following.get(new FollowKey(callerId, userId),
					key -> this.follows.existsByFollowerIdAndFolloweeId(callerId, userId)))
			.orElse(null);
		return card.withIsFollowing(isFollowing);
	}

	/** Forgets what a write changed; runs after its commit. Cards are keyed by URL base too: drop them all. */
	@TransactionalEventListener(fallbackExecution = true)
	void evict(UserChanged change) {
		this.cards.asMap().keySet().removeIf(key -> key.userId().equals(change.userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(FollowChanged change) {
		this.following.invalidate(new FollowKey(change.followerId(), change.followeeId()));
	}

	private record CardKey(String userId, String baseUrl) {
	}

	private record FollowKey(String followerId, String followeeId) {
	}

}
