package dev.facecard.user;

import org.springframework.web.ErrorResponse;

/**
 * What a {@link UserUpsert} did.
 *
 * @param status what was written
 * @param userId the user's id; null when refused
 * @param error why it was refused (the answer the single call would give); null otherwise
 * @param change what changed, for the caches (the images it may have stopped showing
 * among them); null when nothing was written
 */
public record UpsertOutcome(Status status, String userId, ErrorResponse error, UserChanged change) {

	public enum Status {

		CREATED, UPDATED, UNCHANGED, ERROR

	}

	public static UpsertOutcome refused(ErrorResponse error) {
		return new UpsertOutcome(Status.ERROR, null, error, null);
	}

}
