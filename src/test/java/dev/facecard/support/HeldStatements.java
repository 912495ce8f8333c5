package dev.facecard.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.facecard.support.TestHttp.Response;

/**
 * Requests whose statements a slow database holds (through {@link SlowQueries}): each is
 * sent once the one before it is pausing, so that all of them hold their statement (and
 * its connection) at once until the pause ends. Closing it ends the pause for statements
 * still to come; the held ones end theirs on their own.
 */
public final class HeldStatements implements AutoCloseable {

	private final ExecutorService clients;

	private final List<Future<Response>> answers = new ArrayList<>();

	private HeldStatements(int requests) {
		this.clients = Executors.newFixedThreadPool(requests);
	}

	/**
	 * Sends {@code requests} one by one, each once the statement of the one before is
	 * held: statements whose SQL contains one of {@code sqlTexts} pause for
	 * {@code millis}. Each request must run exactly one such statement.
	 */
	public static HeldStatements hold(List<String> sqlTexts, long millis, List<Callable<Response>> requests)
			throws InterruptedException {
		HeldStatements held = new HeldStatements(requests.size());
		try {
			SlowQueries.pause(sqlTexts, millis);
			for (Callable<Response> request : requests) {
				held.answers.add(held.clients.submit(request));
				SlowQueries.awaitPaused(10);
			}
			SlowQueries.stop();
			return held;
		}
		catch (InterruptedException | RuntimeException | AssertionError ex) {
			held.close();
			throw ex;
		}
	}

	/** The held requests' answers, in the order they were sent, once they have come. */
	public List<Response> answers() throws Exception {
		List<Response> answered = new ArrayList<>();
		for (Future<Response> answer : this.answers) {
			answered.add(answer.get(30, TimeUnit.SECONDS));
		}
		return answered;
	}

	@Override
	public void close() {
		SlowQueries.stop();
		this.clients.shutdownNow();
	}

}
