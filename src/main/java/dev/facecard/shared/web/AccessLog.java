package dev.facecard.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The access log ({@code dev.facecard.access}, one line per request), written by one
 * thread of its own: a request only queues its line, and the formatting and the write to
 * the console or file happen off the request's path, with no lock shared between
 * requests. Nothing is dropped: when the queue is full a request waits for room, and
 * {@link #drain} writes what is queued at shutdown. Each line keeps its request's id in
 * the logging context ({@code requestId}), as if written by the request itself.
 */
public final class AccessLog {

	private static final Logger log = LoggerFactory.getLogger("dev.facecard.access");

	private static final int QUEUE_SIZE = 8192;

	private static final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);

	private static final AtomicLong queued = new AtomicLong();

	private static final AtomicLong written = new AtomicLong();

	static {
		Thread writer = new Thread(AccessLog::writeForever, "access-log");
		writer.setDaemon(true);
		writer.start();
	}

	private AccessLog() {
	}

	/** Whether lines are written at all ({@code dev.facecard.access} at INFO). */
	static boolean enabled() {
		return log.isInfoEnabled();
	}

	/** Queues a request's line: method, route, status and duration. */
	static void write(String method, String endpoint, int status, long nanos, String requestId) {
		Line line = new Line(method, endpoint, status, TimeUnit.NANOSECONDS.toMillis(nanos), requestId);
		queued.incrementAndGet();
		if (!queue.offer(line)) {
			try {
				queue.put(line);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				line.write();
			}
		}
	}

	/**
	 * Writes every queued line now, on the calling thread (at shutdown, before logging
	 * stops).
	 */
	static void drain() {
		List<Line> lines = new ArrayList<>();
		queue.drainTo(lines);
		lines.forEach(Line::write);
	}

	/** Whether every line queued so far has been written (tests wait for it). */
	static boolean caughtUp() {
		return written.get() >= queued.get();
	}

	private static void writeForever() {
		List<Line> batch = new ArrayList<>(256);
		while (true) {
			try {
				batch.add(queue.take());
				queue.drainTo(batch, 255);
				batch.forEach(Line::write);
			}
			catch (InterruptedException ex) {
				// a daemon thread: only the JVM's end stops it
			}
			catch (RuntimeException ex) {
				// a broken appender must not end the access log
			}
			finally {
				batch.clear();
			}
		}
	}

	private record Line(String method, String endpoint, int status, long millis, String requestId) {

		void write() {
			if (this.requestId != null) {
				MDC.put(RequestTelemetryFilter.REQUEST_ID_MDC_KEY, this.requestId);
			}
			try {
				log.info("{} {} {} {}ms", this.method, this.endpoint, this.status, this.millis);
			}
			finally {
				MDC.remove(RequestTelemetryFilter.REQUEST_ID_MDC_KEY);
				written.incrementAndGet();
			}
		}

	}

}
