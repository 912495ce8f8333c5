package dev.facecard.user;

import java.util.HashSet;
import java.util.Set;

import dev.facecard.shared.data.ReplicatedEvent;

/**
 * Published by every write that changes what is served about a user, so each read path
 * can evict what it cached. Listeners run after the commit: a read that starts later sees
 * the new data.
 *
 * @param userId the user
 * @param appid the user's app
 * @param usernames usernames whose avatar lookup may have changed (old and new on a
 * rename)
 * @param avatarHashes avatar images whose "shown by someone" state may have changed
 * @param banChanged whether the user was banned or unbanned: every credential of the user
 * changes with it
 */
public record UserChanged(String userId, String appid, Set<String> usernames, Set<String> avatarHashes,
		boolean banChanged) implements ReplicatedEvent {

	/** A change of the profile card only (counters, ranks): nothing about avatars. */
	public static UserChanged cardOf(String userId) {
		return new UserChanged(userId, null, Set.of(), Set.of(), false);
	}

	/** A change of anything about {@code user}, before it is changed. */
	static UserChanged of(User user) {
		return new UserChanged(user.getUserId(), user.getAppid(), Set.of(user.getUsername()),
				(user.getAvatarHash() != null) ? Set.of(user.getAvatarHash()) : Set.of(), false);
	}

	/** This change, marked as a ban or unban when {@code banChanged}. */
	UserChanged withBanChanged(boolean banChanged) {
		return new UserChanged(this.userId, this.appid, this.usernames, this.avatarHashes, banChanged);
	}

	/**
	 * This change and {@code after}'s usernames and images together (a rename, a new
	 * avatar).
	 */
	UserChanged and(User after) {
		Set<String> names = new HashSet<>(this.usernames);
		names.add(after.getUsername());
		Set<String> hashes = new HashSet<>(this.avatarHashes);
		if (after.getAvatarHash() != null) {
			hashes.add(after.getAvatarHash());
		}
		return new UserChanged(this.userId, this.appid, Set.copyOf(names), Set.copyOf(hashes), this.banChanged);
	}

}
