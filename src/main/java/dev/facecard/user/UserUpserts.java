package dev.facecard.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.facecard.shared.data.Identifiers;
import dev.facecard.shared.data.RandomIds;
import dev.facecard.shared.web.error.ConflictException;
import dev.facecard.shared.web.error.InvalidRequestException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Many users written at once (the bulk import): each an upsert by
 * {@code (appid, username)}, all in the caller's transaction, in a few statements
 * whatever their number: one read of the existing users per app, one of the ids asked for
 * new users, one batch of inserts, and an update per changed user. The read takes no
 * lock: locking a row writes it, and most lines of a re-sent file change nothing; an
 * update writes only the columns it changes, so a concurrent single write to other fields
 * stays, and one to the same field is ordered by the row lock the update takes. Every
 * write publishes the {@link UserChanged} a single write would. The caller checks that
 * the apps exist and are within its reach, and that no two upserts of a batch name the
 * same user.
 */
@Service
public class UserUpserts {

	private final UserRepository users;

	private final ApplicationEventPublisher events;

	UserUpserts(UserRepository users, ApplicationEventPublisher events) {
		this.users = users;
		this.events = events;
	}

	/** The outcome of each upsert, in their order. */
	@Transactional
	public List<UpsertOutcome> upsert(List<UserUpsert> upserts, Instant now) {
		Map<String, Map<String, User>> existing = readExisting(upserts);
		Set<String> takenIds = takenIds(upserts, existing);
		List<UpsertOutcome> outcomes = new ArrayList<>(upserts.size());
		List<User> created = new ArrayList<>();
		for (UserUpsert upsert : upserts) {
			User user = existing.get(upsert.appid()).get(upsert.username());
			outcomes.add((user == null) ? create(upsert, takenIds, now, created) : update(user, upsert, now));
		}
		this.users.insert(created);
		// in user-id order, as every write of several users: the updates of concurrent
		// imports take their row locks in one order
		existing.values()
			.stream()
			.flatMap(byName -> byName.values().stream())
			.sorted(Comparator.comparing(User::getUserId))
			.forEach(this.users::update);
		outcomes.stream().map(UpsertOutcome::change).filter(Objects::nonNull).forEach(this.events::publishEvent);
		return outcomes;
	}

	private UpsertOutcome create(UserUpsert upsert, Set<String> takenIds, Instant now, List<User> created) {
		if (upsert.userId() != null && takenIds.contains(upsert.userId())) {
			return UpsertOutcome
				.refused(new ConflictException("A user with userId '" + upsert.userId() + "' exists already."));
		}
		// checked only for a user to create: a line of an existing user leaves both as
		// they are, so an export sent again stays "unchanged" (an id stored before the
		// reserved ones were refused included, or a time from a clock a little ahead)
		try {
			if (upsert.userId() != null) {
				Identifiers.requireValidNewUserId(upsert.userId());
			}
		}
		catch (InvalidRequestException ex) {
			return UpsertOutcome.refused(ex);
		}
		if (upsert.createdAt() != null && upsert.createdAt().isAfter(now)) {
			return UpsertOutcome.refused(new InvalidRequestException(UserUpsert.CREATED_AT_RULE));
		}
		String id = (upsert.userId() != null) ? upsert.userId() : RandomIds.next("u_", 12);
		User user = new User(id, upsert.appid(), upsert.username(),
				(upsert.createdAt() != null) ? upsert.createdAt() : now, now);
		apply(user, upsert, now);
		created.add(user);
		// a lookup of this username may have cached "no such user"
		return new UpsertOutcome(UpsertOutcome.Status.CREATED, id, null, UserChanged.of(user));
	}

	private UpsertOutcome update(User user, UserUpsert upsert, Instant now) {
		if (upsert.userId() != null && !upsert.userId().equals(user.getUserId())) {
			return UpsertOutcome.refused(new ConflictException(
					"App '" + upsert.appid() + "' has a user with that username under another userId."));
		}
		UserChanged before = UserChanged.of(user);
		boolean wasBanned = user.isBanned();
		if (!apply(user, upsert, now)) {
			return new UpsertOutcome(UpsertOutcome.Status.UNCHANGED, user.getUserId(), null, null);
		}
		return new UpsertOutcome(UpsertOutcome.Status.UPDATED, user.getUserId(), null,
				before.and(user).withBanChanged(wasBanned != user.isBanned()));
	}

	/** Applies the upsert's fields and avatar; whether anything differs. */
	private static boolean apply(User user, UserUpsert upsert, Instant now) {
		boolean changed = user.applyIfChanged(upsert.fields(), now);
		Optional<String> avatar = upsert.avatarHash();
		if (avatar != null && !Objects.equals(avatar.orElse(null), user.getAvatarHash())) {
			user.setAvatar(avatar.orElse(null), now);
			changed = true;
		}
		return changed;
	}

	/** The existing users of the upserts, by app and username. */
	private Map<String, Map<String, User>> readExisting(List<UserUpsert> upserts) {
		Map<String, List<String>> usernames = new LinkedHashMap<>();
		upserts.forEach(
				upsert -> usernames.computeIfAbsent(upsert.appid(), app -> new ArrayList<>()).add(upsert.username()));
		Map<String, Map<String, User>> existing = new HashMap<>();
		usernames.forEach((appid, names) -> {
			Map<String, User> byName = new HashMap<>();
			this.users.findByUsernames(appid, names).forEach(user -> byName.put(user.getUsername(), user));
			existing.put(appid, byName);
		});
		return existing;
	}

	/** The ids asked for new users that a user has already. */
	private Set<String> takenIds(List<UserUpsert> upserts, Map<String, Map<String, User>> existing) {
		List<String> asked = upserts.stream()
			.filter(upsert -> upsert.userId() != null && !existing.get(upsert.appid()).containsKey(upsert.username()))
			.map(UserUpsert::userId)
			.toList();
		return asked.isEmpty() ? Set.of() : new HashSet<>(this.users.findExistingIds(asked));
	}

}
