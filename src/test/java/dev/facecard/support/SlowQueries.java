package dev.facecard.support;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import net.ttddyy.dsproxy.QueryInfo;

/**
 * Holds a lookup in flight (through the data source of {@link StatementCounter}): a
 * statement whose SQL contains a chosen text returns its rows only after a pause, so a
 * write can commit between the moment the rows were read and the moment the service
 * caches them. The race a cache must survive, made certain instead of rare.
 */
public final class SlowQueries {

	private SlowQueries() {
	}

	private static volatile List<String> matching;

	private static volatile long pauseMillis;

	private static final Semaphore PAUSED = new Semaphore(0);

	/**
	 * From now on, statements whose SQL contains {@code sqlText} (case-insensitive) pause
	 * after running.
	 */
	public static void pause(String sqlText, long millis) {
		pause(List.of(sqlText), millis);
	}

	/**
	 * From now on, statements whose SQL contains any of {@code sqlTexts}
	 * (case-insensitive) pause after running.
	 */
	public static void pause(List<String> sqlTexts, long millis) {
		PAUSED.drainPermits();
		pauseMillis = millis;
		matching = sqlTexts.stream().map(text -> text.toLowerCase(Locale.ROOT)).toList();
	}

	/**
	 * Waits until a matching statement has run and is pausing; fails after
	 * {@code seconds}.
	 */
	public static void awaitPaused(long seconds) throws InterruptedException {
		if (!PAUSED.tryAcquire(seconds, TimeUnit.SECONDS)) {
			throw new AssertionError("No statement matching '" + matching + "' ran within " + seconds + " s");
		}
	}

	public static void stop() {
		matching = null;
	}

	/**
	 * Called by {@link StatementCounter}'s proxy after each execution: pauses it when its
	 * SQL matches.
	 */
	static void afterQuery(List<QueryInfo> queries) {
		List<String> texts = matching;
		if (texts != null && queries.stream()
			.map(query -> query.getQuery().toLowerCase(Locale.ROOT))
			.anyMatch(sql -> texts.stream().anyMatch(sql::contains))) {
			PAUSED.release();
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
