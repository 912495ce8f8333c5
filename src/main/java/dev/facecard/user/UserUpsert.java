package dev.facecard.user;

import java.time.Instant;
import java.util.Optional;

/**
 * One user of a bulk import, read and validated: created in app {@code appid} when it has
 * no user of that username, otherwise changed in the fields given.
 *
 * @param appid the user's app
 * @param userId the user's id: for a new user, generated when null; for an existing one,
 * null or the id it has
 * @param fields the fields given ({@code username} always)
 * @param avatarHash a stored avatar to show ({@code null}: leave the avatar as it is;
 * empty: remove it)
 * @param createdAt a new user's registration time ({@code null}: the time of the write);
 * an existing user keeps its own
 */
public record UserUpsert(String appid, String userId, UserFields fields, Optional<String> avatarHash,
		Instant createdAt) {

	/** What a {@code createdAt} must be, said by every refusal of one. */
	public static final String CREATED_AT_RULE = "'createdAt' must be epoch milliseconds from 0 up to now "
			+ "(a new user's registration time).";

	public String username() {
		return this.fields.username();
	}

}
