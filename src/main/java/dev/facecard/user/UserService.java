package dev.facecard.user;

import java.time.Clock;

import dev.facecard.app.AppRepository;
import dev.facecard.system.ConflictException;
import dev.facecard.system.Identifiers;
import dev.facecard.system.InvalidRequestException;
import dev.facecard.system.NotFoundException;
import dev.facecard.system.RandomIds;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

	private final UserRepository users;

	private final AppRepository apps;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public UserService(UserRepository users, AppRepository apps, Clock clock, ApplicationEventPublisher events) {
		this.users = users;
		this.apps = apps;
		this.clock = clock;
		this.events = events;
	}

	/** Creates a user in app {@code appid}; {@code userId} is generated when null. */
	@Transactional
	public User create(String appid, String userId, UserFields fields) {
		if (appid == null) {
			throw new InvalidRequestException("'appid' is required.");
		}
		Identifiers.requireValid("appid", appid);
		if (userId != null) {
			Identifiers.requireValid("userId", userId);
		}
		if (fields.username() == null) {
			throw new InvalidRequestException("'username' is required.");
		}
		if (!this.apps.existsById(appid)) {
			throw new NotFoundException("No app with appid '" + appid + "'.");
		}
		String id = (userId != null) ? userId : RandomIds.next("u_", 12);
		if (this.users.existsById(id)) {
			throw new ConflictException("A user with userId '" + id + "' exists already.");
		}
		requireFreeUsername(appid, fields.username());
		User user = new User(id, appid, fields.username(), this.clock.instant());
		user.apply(fields, user.getCreatedAt());
		User created = this.users.saveAndFlush(user);
		// a lookup of this username may have cached "no such user"
		this.events.publishEvent(UserChanged.of(created));
		return created;
	}

	@Transactional(readOnly = true)
	public User get(String userId) {
		return this.users.findById(userId).orElseThrow(() -> notFound(userId));
	}

	/** The user, locked until the caller's transaction ends. */
	@Transactional
	public User getForUpdate(String userId) {
		return this.users.findForUpdate(userId).orElseThrow(() -> notFound(userId));
	}

	@Transactional
	public User update(String userId, UserFields fields) {
		User user = getForUpdate(userId);
		if (fields.username() != null && !fields.username().equals(user.getUsername())) {
			requireFreeUsername(user.getAppid(), fields.username());
		}
		UserChanged before = UserChanged.of(user);
		user.apply(fields, this.clock.instant());
		User updated = this.users.saveAndFlush(user);
		this.events.publishEvent(before.and(updated));
		return updated;
	}

	/** Fails with 404 unless every id names a user. */
	public void requireExists(String... userIds) {
		for (String userId : userIds) {
			if (!this.users.existsById(userId)) {
				throw notFound(userId);
			}
		}
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
