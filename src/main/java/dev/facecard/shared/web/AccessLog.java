package dev.facecard.shared.web;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The access log ({@code dev.facecard.access}, one line per request), written by one
 * thread of its own: a request only adds its line to a lock-free queue, and the
 * formatting and the write to the console or file happen off the request's path.
 * <p>
 * The writer wakes every {@value #INTERVAL_MILLIS} ms, or as soon as {@value #BATCH}
 * lines wait, and writes what is queued, to the console in one write per batch
 * ({@link BatchedConsole}, which stands in for {@code System.out} from the first line
 * on). A request never wakes it for its own line: waking a sleeping thread on every
 * request cost more than the line itself (bench/RESULTS.md). Nothing is dropped: past
 * {@value #CAPACITY} waiting lines a request waits for room, and {@link #drain} writes
 * what is queued at shutdown. Each line keeps its request's id in the logging context
 * ({@code requestId}), as if written by the request itself.
 */
public final class AccessLog {

	private static final Logger log = LoggerFactory.getLogger("dev.facecard.access");

	/** How long a line may wait before it is written, in the quiet. */
	private static final long INTERVAL_MILLIS = 20;

	/** Lines waiting that wake the writer before its interval is up. */
	private static final int BATCH = 512;

	/** Lines waiting past which a request waits for room. */
	private static final int CAPACITY = 8192;

	private static final Queue<Line> queue = new ConcurrentLinkedQueue<>();

	private static final AtomicInteger waiting = new AtomicInteger();

	private static final AtomicLong queued = new AtomicLong();

	private static final AtomicLong written = new AtomicLong();

	/**
	 * Whether lines are written at all ({@code dev.facecard.access} at INFO), as the
	 * writer last asked Logback (at every wake, so a new level counts within
	 * {@value #INTERVAL_MILLIS} ms): a request reads this field instead of asking itself,
	 * which took Logback's turbo filters 0.2 µs a request (bench/RESULTS.md, Notes).
	 */
	private static volatile boolean enabled = log.isInfoEnabled();

	private static final Thread writer = new Thread(AccessLog::writeForever, "access-log");

	/** Standard output, taking the writer's lines in one write per batch. */
	private static final BatchedConsole console = BatchedConsole.install(writer);

	static {
		writer.setDaemon(true);
		writer.start();
	}

	private AccessLog() {
	}

	/** Whether lines are written at all: {@link #enabled the field}. */
	static boolean enabled() {
		return enabled;
	}

	/** Queues a request's line: method, route, status and duration. */
	static void write(String method, String endpoint, int status, long nanos, String requestId) {
		Line line = new Line(method, endpoint, status, TimeUnit.NANOSECONDS.toMillis(nanos), requestId);
		queued.incrementAndGet();
		int before = waiting.getAndIncrement();
		queue.add(line);
		if (before + 1 == BATCH) {
			LockSupport.unpark(writer);
		}
		while (waiting.get() > CAPACITY) {
			// the writer is behind (a slow disk or console): wait for room, never drop
			LockSupport.unpark(writer);
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
		}
	}

	/**
	 * Writes every queued line now, on the calling thread (at shutdown, before logging
	 * stops).
	 */
	static void drain() {
		writeQueued();
	}

	/** Whether every line queued so far has been written (tests wait for it). */
	static boolean caughtUp() {
		return written.get() >= queued.get();
	}

	private static void writeForever() {
		while (true) {
			try {
				writeQueued();
			}
			catch (RuntimeException ex) {
				// a broken appender must not end the access log
			}
			boolean now = log.isInfoEnabled();
			if (now != enabled) {
				enabled = now;
			}
			if (waiting.get() < BATCH) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
			}
		}
	}

	/**
	 * Writes what is queued, sent to the console in one write per batch when on the
	 * writer thread; a line counts as written once it has been sent. One caller at a
	 * time, so that {@link #drain} waits for a batch the writer has begun and the lines
	 * keep their order.
	 */
	private static synchronized void writeQueued() {
		long[] count = new long[1];
		try {
			console.inOneBatch(() -> {
				Line line;
				while ((line = queue.poll()) != null) {
					waiting.decrementAndGet();
					count[0]++;
					line.write();
				}
			});
		}
		finally {
			written.addAndGet(count[0]);
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
			}
		}

	}

}
