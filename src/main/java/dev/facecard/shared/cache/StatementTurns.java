package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most {@code maxStatements} statements of one kind at a time, so that a flood of them
 * (lookups that miss, from many clients each within its own budget) holds no more of the
 * pool's connections than that. A caller that finds them all under way waits for a turn
 * at most {@code maxWait}, as it would wait for a pool connection, then is refused with a
 * {@link TurnTimeoutException}. For statements that cannot share a load; those that can
 * take their turn in a {@link BatchingLoader}.
 */
public final class StatementTurns {

	private final int maxStatements;

	private final Semaphore turns;

	private final long maxWaitNanos;

	/** Told of each caller refused: the kind's refusal counter. */
	private final Runnable onRefusal;

	public StatementTurns(int maxStatements, Duration maxWait) {
		this(maxStatements, maxWait, () -> {
		});
	}

	/**
	 * Turns whose refusals, each before its {@link TurnTimeoutException}, are told to
	 * {@code onRefusal}.
	 */
	public StatementTurns(int maxStatements, Duration maxWait, Runnable onRefusal) {
		if (maxStatements < 1 || maxWait.isNegative()) {
			throw new IllegalArgumentException("maxStatements must be at least 1, maxWait not negative");
		}
		this.maxStatements = maxStatements;
		// fair: under a flood, the callers that have waited longest get the turns that
		// free
		// up, not the ones that have just come
		this.turns = new Semaphore(maxStatements, true);
		this.maxWaitNanos = maxWait.toNanos();
		this.onRefusal = onRefusal;
	}

	/**
	 * Runs {@code statement} in a turn.
	 * @throws TurnTimeoutException when no turn came within {@code maxWait}
	 */
	public <T> T run(Supplier<T> statement) {
		if (!awaitTurn()) {
			this.onRefusal.run();
			throw new TurnTimeoutException(Duration.ofNanos(this.maxWaitNanos));
		}
		try {
			return statement.get();
		}
		finally {
			this.turns.release();
		}
	}

	/** How many statements run now (tests watch it). */
	public int running() {
		return this.maxStatements - this.turns.availablePermits();
	}

	/** Whether a caller waits for a turn (tests watch it). */
	public boolean hasWaiters() {
		return this.turns.hasQueuedThreads();
	}

	/**
	 * A turn: at once when one is free and nobody waits, else the wait (a timed one only
	 * then: it costs a virtual thread a timer). An interrupted caller gets none.
	 */
	private boolean awaitTurn() {
		try {
			return this.turns.tryAcquire(0, TimeUnit.NANOSECONDS)
					|| (this.maxWaitNanos > 0 && this.turns.tryAcquire(this.maxWaitNanos, TimeUnit.NANOSECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
