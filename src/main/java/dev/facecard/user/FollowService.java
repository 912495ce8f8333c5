package dev.facecard.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import dev.facecard.app.AppScope;
import dev.facecard.shared.web.error.InvalidRequestException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follows and the two counters they feed, changed in one transaction. Only a follow row
 * that this call actually inserted or deleted moves a counter, so repeated and concurrent
 * calls keep the counters exact; the two user rows are always updated in user-id order,
 * so concurrent opposite follows cannot deadlock.
 */
@Service
public class FollowService {

	private final FollowRepository follows;

	private final UserRepository users;

	private final UserService userService;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public FollowService(FollowRepository follows, UserRepository users, UserService userService, Clock clock,
			ApplicationEventPublisher events) {
		this.follows = follows;
		this.users = users;
		this.userService = userService;
		this.clock = clock;
		this.events = events;
	}

	/** Makes the follow exist; both users must be within {@code scope}. */
	@Transactional
	public void follow(String followerId, String followeeId, AppScope scope) {
		requireDistinctUsers(followerId, followeeId, scope);
		Instant now = this.clock.instant();
		if (this.follows.insertIfAbsent(followerId, followeeId, now) == 1) {
			adjustCounters(followerId, followeeId, 1, now);
		}
	}

	/** Makes the follow not exist; both users must be within {@code scope}. */
	@Transactional
	public void unfollow(String followerId, String followeeId, AppScope scope) {
		requireDistinctUsers(followerId, followeeId, scope);
		if (this.follows.deleteIfPresent(followerId, followeeId) == 1) {
			adjustCounters(followerId, followeeId, -1, this.clock.instant());
		}
	}

	/** Which of {@code pairs} are follows, in one statement. */
	@Transactional(readOnly = true)
	public Set<FollowPair> existingAmong(Collection<FollowPair> pairs) {
		return this.follows.findExisting(pairs);
	}

	private void requireDistinctUsers(String followerId, String followeeId, AppScope scope) {
		this.userService.requireExists(scope, followerId, followeeId);
		if (followerId.equals(followeeId)) {
			throw new InvalidRequestException("A user cannot follow themselves.");
		}
	}

	private void adjustCounters(String followerId, String followeeId, int delta, Instant now) {
		this.events.publishEvent(UserChanged.cardOf(followerId));
		this.events.publishEvent(UserChanged.cardOf(followeeId));
		this.events.publishEvent(new FollowChanged(followerId, followeeId));
		if (followerId.compareTo(followeeId) < 0) {
			this.users.addToFollowingCount(followerId, delta, now);
			this.users.addToFollowerCount(followeeId, delta, now);
		}
		else {
			this.users.addToFollowerCount(followeeId, delta, now);
			this.users.addToFollowingCount(followerId, delta, now);
		}
	}

}
