package dev.facecard.shared.data;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which exceptions mean "the database cannot be reached now" (503) rather than a bug
 * (500).
 */
public final class DatabaseFailures {

	/**
	 * SQLSTATE class 08: connection exception (SQL standard; PostgreSQL, H2 and Hikari
	 * use it).
	 */
	private static final String CONNECTION_EXCEPTION = "08";

	private DatabaseFailures() {
	}

	/**
	 * Spring's own classification first; then the cause chain. A connection that breaks
	 * inside a transaction also fails the rollback, and that error hides the first:
	 * Spring reports it as a {@code TransactionSystemException} over a plain
	 * {@code SQLException} ("Connection is closed"), so those count as the database
	 * failing too.
	 */
	public static boolean isUnavailable(Throwable error) {
		if (error instanceof DataAccessResourceFailureException || error instanceof TransientDataAccessException
				|| error instanceof CannotCreateTransactionException) {
			return true;
		}
		boolean transactionInfrastructure = error instanceof TransactionSystemException;
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException || (cause instanceof SQLException sql
					&& (transactionInfrastructure || isConnectionState(sql.getSQLState())))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isConnectionState(String sqlState) {
		return sqlState != null && sqlState.startsWith(CONNECTION_EXCEPTION);
	}

}
