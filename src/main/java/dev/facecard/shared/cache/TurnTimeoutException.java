package dev.facecard.shared.cache;

import java.time.Duration;

/**
 * A caller's turn at a bounded kind of statement ({@link BatchingLoader},
 * {@link StatementTurns}) did not come within the longest wait: the statements are slow
 * or too many, the database itself may be fine.
 */
public final class TurnTimeoutException extends RuntimeException {

	TurnTimeoutException(Duration maxWait) {
		super("A turn at a statement did not come within " + maxWait.toMillis() + " ms", null, false, false);
	}

}
