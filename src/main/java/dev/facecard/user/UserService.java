package dev.facecard.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.facecard.app.AppScope;
import dev.facecard.app.AppService;
import dev.facecard.shared.data.Identifiers;
import dev.facecard.shared.data.RandomIds;
import dev.facecard.shared.web.error.ConflictException;
import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.shared.web.error.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users of the apps: creating, reading, changing them, and their avatar reference; owns
 * the {@code users} table. Calls on behalf of an admin caller take its {@link AppScope}:
 * a user of an app out of reach is not found, with the very answer of a user that does
 * not exist.
 */
@Service
public class UserService {

	private final UserRepository users;

	private final AppService apps;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public UserService(UserRepository users, AppService apps, Clock clock, ApplicationEventPublisher events) {
		this.users = users;
		this.apps = apps;
		this.clock = clock;
		this.events = events;
	}

	/** Creates a user in app {@code appid}; {@code userId} is generated when null. */
	@Transactional
	public StoredUser create(String appid, String userId, UserFields fields, AppScope scope) {
		if (appid == null) {
			throw new InvalidRequestException("'appid' is required.");
		}
		Identifiers.requireValid("appid", appid);
		if (userId != null) {
			Identifiers.requireValidNewUserId(userId);
		}
		if (fields.username() == null) {
			throw new InvalidRequestException("'username' is required.");
		}
		if (!scope.reaches(appid) || !this.apps.exists(appid)) {
			throw AppService.notFound(appid);
		}
		String id = (userId != null) ? userId : RandomIds.next("u_", 12);
		if (this.users.existsById(id)) {
			throw new ConflictException("A user with userId '" + id + "' exists already.");
		}
		requireFreeUsername(appid, fields.username());
		User user = new User(id, appid, fields.username(), this.clock.instant());
		user.apply(fields, user.getCreatedAt());
		this.users.insert(List.of(user));
		// a lookup of this username may have cached "no such user"
		this.events.publishEvent(UserChanged.of(user));
		return StoredUser.of(user);
	}

	@Transactional(readOnly = true)
	public StoredUser get(String userId, AppScope scope) {
		return StoredUser.of(this.users.findById(userId)
			.filter(user -> scope.reaches(user.getAppid()))
			.orElseThrow(() -> notFound(userId)));
	}

	/** The user, locked until the caller's transaction ends. */
	private User getForUpdate(String userId, AppScope scope) {
		return this.users.findForUpdate(userId)
			.filter(user -> scope.reaches(user.getAppid()))
			.orElseThrow(() -> notFound(userId));
	}

	@Transactional
	public StoredUser update(String userId, UserFields fields, AppScope scope) {
		User user = getForUpdate(userId, scope);
		if (fields.username() != null && !fields.username().equals(user.getUsername())) {
			requireFreeUsername(user.getAppid(), fields.username());
		}
		UserChanged before = UserChanged.of(user);
		boolean wasBanned = user.isBanned();
		user.apply(fields, this.clock.instant());
		this.users.update(user);
		this.events.publishEvent(before.and(user).withBanChanged(wasBanned != user.isBanned()));
		return StoredUser.of(user);
	}

	/**
	 * Makes {@code hash} the user's avatar (null: none), in the caller's transaction, the
	 * user's row locked so that concurrent changes each see the image they replace. The
	 * change is the caller's to publish once committed.
	 */
	@Transactional
	public UserChanged changeAvatar(String userId, String hash, Instant now, AppScope scope) {
		User user = getForUpdate(userId, scope);
		UserChanged before = UserChanged.of(user);
		if (hash != null || user.getAvatarHash() != null) {
			user.setAvatar(hash, now);
			this.users.update(user);
		}
		return before.and(user);
	}

	/** Which of {@code userIds} name a user, in one statement. */
	@Transactional(readOnly = true)
	public List<String> existingIds(Collection<String> userIds) {
		return this.users.findExistingIds(userIds);
	}

	/**
	 * Copies rank changes of a board onto the users' rows, which profile cards read, in
	 * the caller's transaction: {@code updatedAt}, events.
	 * @param board {@code author} or {@code vip}
	 * @param ranks the new rank of each user whose rank changed, 0 for off the board
	 */
	@Transactional
	public void ranksChanged(String board, Map<String, Integer> ranks, Instant now) {
		if (!"author".equals(board) && !"vip".equals(board)) {
			throw new IllegalArgumentException("No board '" + board + "'");
		}
		ranks.forEach((userId, rank) -> {
			this.users.setRank(userId, board, rank, now);
			this.events.publishEvent(UserChanged.cardOf(userId));
		});
	}

	/**
	 * Fails with 404 unless every id names a user within {@code scope}, the first one
	 * that does not named.
	 */
	public void requireExists(AppScope scope, String... userIds) {
		for (String userId : userIds) {
			if (!exists(userId, scope)) {
				throw notFound(userId);
			}
		}
	}

	/** Whether {@code userId} names a user within {@code scope}. */
	@Transactional(readOnly = true)
	public boolean exists(String userId, AppScope scope) {
		return scope.isPlatform() ? this.users.existsById(userId)
				: this.users.existsByUserIdAndAppid(userId, scope.appid());
	}

	private void requireFreeUsername(String appid, String username) {
		if (this.users.existsByAppidAndUsername(appid, username)) {
			throw new ConflictException("App '" + appid + "' has a user with that username already.");
		}
	}

	static NotFoundException notFound(String userId) {
		return new NotFoundException("No user with userId '" + userId + "'.");
	}

}
