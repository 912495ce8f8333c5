package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.slf4j.MDC;

/**
 * Loads one key (or a few) per caller, many keys per statement: callers that come while
 * {@code maxLoads} loads are under way wait in line, and the next load takes all of them
 * at once (up to {@code maxBatch} keys). A lone caller loads its keys at once, without
 * waiting for company; under a flood of misses each statement fetches many rows, so a
 * miss costs a fraction of a statement (bench/RESULTS.md, Notes). A caller's keys are
 * always loaded together, in one load, even when they are more than {@code maxBatch}.
 * <p>
 * At most {@code maxLoads} loads run at a time, so a flood of misses holds at most that
 * many database connections. Callers in line run the loads themselves, in turn: the
 * caller whose load has answered it hands its turn to the oldest caller in line, who
 * loads itself and the callers behind it (on the threads given for loads, if any). So no
 * caller loads for others after its own answer.
 * <p>
 * A key joins the load after the caller has asked for it, never one already under way, so
 * what a caller gets was read after it asked (as {@link LookupCache}'s exact invalidation
 * requires). A failed load fails each of its callers, and every caller then in line, with
 * the same exception.
 * <p>
 * A caller waits in line at most {@code maxWait}, as it would wait for a pool connection:
 * when the loads are slow (a database that still answers, slowly), a caller whose turn
 * has not come by then leaves the line with a {@link TurnTimeoutException}, so the line
 * never holds more requests than that much time of misses. A wait of zero refuses every
 * caller that finds all loads under way. Callers wait without a timeout of their own: one
 * timer, set for the oldest caller's deadline, sends away whoever is still in line then.
 * (A timed wait of a virtual thread costs a timer task and its cancellation, each waking
 * the JDK's delay scheduler: about a tenth of the CPU under a flood of misses,
 * bench/RESULTS.md, Notes.)
 * <p>
 * A load runs on the thread whose turn it is, or on threads of its own when given some
 * (the caller waiting for it, its logging context carried over): a virtual thread's
 * socket read with a timeout (the driver's, {@code PostgresDriverSettings}) sets and
 * cancels a timer on that same delay scheduler for every read, where a platform thread
 * waits in the kernel.
 */
public final class BatchingLoader<K, V> {

	private final Function<Set<K>, Map<K, V>> loadAll;

	private final int maxBatch;

	private final int maxLoads;

	private final long maxWaitNanos;

	/** Where loads run; null: on the caller's thread. */
	private final Executor loadThreads;

	private final ReentrantLock lock = new ReentrantLock();

	/** Callers in line, oldest first; guarded by {@link #lock}. */
	private final ArrayDeque<Caller<K, V>> line = new ArrayDeque<>();

	/** Loads under way; guarded by {@link #lock}. */
	private int loading;

	/**
	 * Whether the timer for the oldest caller's deadline is set; guarded by
	 * {@link #lock}.
	 */
	private boolean deadlineTimerSet;

	/**
	 * @param loadAll loads the values of a set of keys, leaving out those it finds
	 * nothing for
	 * @param maxBatch most keys per load, but for one caller's keys that are more
	 * @param maxLoads most loads at a time
	 * @param maxWait longest a caller waits in line before it is refused
	 */
	public BatchingLoader(Function<Set<K>, Map<K, V>> loadAll, int maxBatch, int maxLoads, Duration maxWait) {
		this(loadAll, maxBatch, maxLoads, maxWait, null);
	}

	/**
	 * As {@link #BatchingLoader(Function, int, int, Duration)}, each load run on
	 * {@code loadThreads} (at most {@code maxLoads} at a time) while its caller waits.
	 */
	public BatchingLoader(Function<Set<K>, Map<K, V>> loadAll, int maxBatch, int maxLoads, Duration maxWait,
			Executor loadThreads) {
		if (maxBatch < 1 || maxLoads < 1 || maxWait.isNegative()) {
			throw new IllegalArgumentException("maxBatch and maxLoads must be at least 1, maxWait not negative");
		}
		this.loadAll = loadAll;
		this.maxBatch = maxBatch;
		this.maxLoads = maxLoads;
		this.maxWaitNanos = maxWait.toNanos();
		this.loadThreads = loadThreads;
	}

	/**
	 * The value of {@code key}, or null when there is none; loaded with the keys of the
	 * callers in line with it.
	 * @throws TurnTimeoutException when its turn did not come within {@code maxWait}
	 */
	public V load(K key) {
		return loadAll(Set.of(key)).get(key);
	}

	/**
	 * The values of {@code keys}, leaving out those it finds nothing for, all read in one
	 * load (with the keys of the callers in line with them), under the same bounds as
	 * {@link #load}. The map may also hold values of keys other callers asked for.
	 * @param keys one key at least
	 * @throws TurnTimeoutException when its turn did not come within {@code maxWait}
	 */
	public Map<K, V> loadAll(Set<K> keys) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("keys must not be empty");
		}
		Caller<K, V> caller = new Caller<>(keys, System.nanoTime() + this.maxWaitNanos);
		boolean turn;
		boolean setTimer = false;
		this.lock.lock();
		try {
			turn = this.loading < this.maxLoads;
			if (turn) {
				this.loading++;
			}
			else if (this.maxWaitNanos == 0) {
				throw new TurnTimeoutException(Duration.ZERO);
			}
			else {
				this.line.add(caller);
				setTimer = !this.deadlineTimerSet;
				this.deadlineTimerSet = true;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (setTimer) {
			setDeadlineTimer(caller.deadline);
		}
		if (!turn) {
			// not interruptible: a load may have taken the caller, who must then take
			// its answer (the interrupt is kept)
			Object answered = caller.answer.join();
			if (answered == Caller.TIMED_OUT) {
				throw new TurnTimeoutException(Duration.ofNanos(this.maxWaitNanos));
			}
			if (answered != Caller.TURN) {
				return Caller.valuesOf(answered);
			}
		}
		try {
			return loadWith(caller);
		}
		finally {
			passTurn();
		}
	}

	/**
	 * Loads {@code first}'s keys and those of the callers at the head of the line, as
	 * many as keep the load within {@code maxBatch} keys, answers them, and returns the
	 * values. A failed load fails its callers and every caller in line, who all asked
	 * before it failed: in an outage each caller gets its error within one load's time,
	 * instead of waiting for a turn behind every batch ahead of it. Every caller taken is
	 * answered, whatever is thrown.
	 */
	private Map<K, V> loadWith(Caller<K, V> first) {
		List<Caller<K, V>> taken = new ArrayList<>();
		Set<K> keys = new LinkedHashSet<>(first.keys);
		this.lock.lock();
		try {
			// in turn: a caller too many for this load is the first of the next one
			while (!this.line.isEmpty() && keys.size() + this.line.peek().keys.size() <= this.maxBatch) {
				Caller<K, V> next = this.line.poll();
				taken.add(next);
				keys.addAll(next.keys);
			}
		}
		finally {
			this.lock.unlock();
		}
		// an interrupt left over from the caller's wait must not fail a load made for
		// others (the pool refuses an interrupted thread a connection)
		boolean interrupted = Thread.interrupted();
		Failed failure = null;
		try {
			// one map for all its callers: none may change what the others read
			Map<K, V> values = Collections.unmodifiableMap(load(keys));
			Loaded<K, V> loaded = new Loaded<>(values);
			for (Caller<K, V> waiting : taken) {
				waiting.answer.complete(loaded);
			}
			return values;
		}
		catch (RuntimeException | Error ex) {
			failure = new Failed(ex);
			this.lock.lock();
			try {
				taken.addAll(this.line);
				this.line.clear();
			}
			finally {
				this.lock.unlock();
			}
			throw ex;
		}
		finally {
			for (Caller<K, V> waiting : taken) {
				if (!waiting.answer.isDone()) {
					// made only when needed: a successful load answered everyone
					failure = (failure != null) ? failure
							: new Failed(new IllegalStateException("The load ended without an answer."));
					waiting.answer.complete(failure);
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * {@code loadAll} of {@code keys}, on {@link #loadThreads} when set; throws as it
	 * threw.
	 */
	private Map<K, V> load(Set<K> keys) {
		if (this.loadThreads == null) {
			return this.loadAll.apply(keys);
		}
		Map<String, String> context = MDC.getCopyOfContextMap();
		CompletableFuture<Map<K, V>> loaded;
		try {
			loaded = CompletableFuture.supplyAsync(() -> {
				if (context != null) {
					MDC.setContextMap(context);
				}
				try {
					return this.loadAll.apply(keys);
				}
				finally {
					MDC.clear();
				}
			}, this.loadThreads);
		}
		catch (RejectedExecutionException ex) {
			// the threads are stopped (a request outliving the shutdown's grace period)
			return this.loadAll.apply(keys);
		}
		try {
			return loaded.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Runs {@link #sendAwayTheExpired} once {@code deadline} (a nanoTime) has passed. */
	private void setDeadlineTimer(long deadline) {
		CompletableFuture.delayedExecutor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
			.execute(this::sendAwayTheExpired);
	}

	/**
	 * Answers every caller still in line past its deadline with a timeout, then sets the
	 * timer for the oldest caller left. The line is in the order of the callers'
	 * deadlines (all wait as long), so the expired are at its head.
	 */
	private void sendAwayTheExpired() {
		List<Caller<K, V>> expired = new ArrayList<>();
		long nextDeadline = 0;
		boolean setTimer;
		this.lock.lock();
		try {
			long now = System.nanoTime();
			while (!this.line.isEmpty() && this.line.peek().deadline - now <= 0) {
				expired.add(this.line.poll());
			}
			setTimer = !this.line.isEmpty();
			if (setTimer) {
				nextDeadline = this.line.peek().deadline;
			}
			this.deadlineTimerSet = setTimer;
		}
		finally {
			this.lock.unlock();
		}
		for (Caller<K, V> caller : expired) {
			caller.answer.complete(Caller.TIMED_OUT);
		}
		if (setTimer) {
			setDeadlineTimer(nextDeadline);
		}
	}

	/** Hands this turn to the oldest caller in line, or gives it up when none waits. */
	private void passTurn() {
		Caller<K, V> next;
		this.lock.lock();
		try {
			next = this.line.poll();
			if (next == null) {
				this.loading--;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (next != null) {
			next.answer.complete(Caller.TURN);
		}
	}

	/** How many callers wait in line (tests watch it). */
	public int inLine() {
		this.lock.lock();
		try {
			return this.line.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The values of a load, for each of its callers to take its own from. */
	private record Loaded<K, V>(Map<K, V> values) {
	}

	/** A failed load: its exception, thrown to each of its callers as it was thrown. */
	private record Failed(Throwable failure) {
	}

	/**
	 * A caller waiting in line: its answer is its value, its load's failure, or its turn
	 * to load, and it leaves the line when it gets one.
	 */
	private static final class Caller<K, V> {

		/** The answer that says: your turn to load. */
		static final Object TURN = new Object();

		/** The answer that says: your turn did not come in time. */
		static final Object TIMED_OUT = new Object();

		final Set<K> keys;

		/** When the caller leaves the line (a nanoTime). */
		final long deadline;

		/**
		 * Always completed normally, with {@link Loaded}, {@link Failed}, TURN or
		 * TIMED_OUT.
		 */
		final CompletableFuture<Object> answer = new CompletableFuture<>();

		Caller(Set<K> keys, long deadline) {
			this.keys = keys;
			this.deadline = deadline;
		}

		@SuppressWarnings("unchecked")
		static <K, V> Map<K, V> valuesOf(Object answered) {
			if (answered instanceof Failed failed) {
				if (failed.failure() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw (Error) failed.failure();
			}
			return ((Loaded<K, V>) answered).values();
		}

	}

}
