package dev.facecard.system;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which exceptions mean "the database cannot be reached now" (503) rather than a bug (500). */
public final class DatabaseFailures {

	private DatabaseFailures() {
	}

	public static boolean isUnavailable(Throwable error) {
		return error instanceof DataAccessResourceFailureException || error instanceof TransientDataAccessException
				|| error instanceof CannotCreateTransactionException;
	}

}
