package dev.facecard.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output through which one thread, the access-log writer ({@link AccessLog}),
 * sends a batch of lines in one {@code write} instead of one per line: Logback's console
 * appender writes and flushes each event, and that system call per request was about half
 * of what the access log cost (bench/RESULTS.md, Notes). Every other thread writes
 * through at once, as before; nothing is reordered within a thread, and a batch is sent
 * when it ends or reaches {@value #MAX_BATCH_BYTES} bytes.
 * <p>
 * Logback's console appender writes to whatever {@code System.out} is at each event, so
 * this works under any log format the console is given (plain or structured). Output to a
 * log file is not batched.
 */
final class BatchedConsole extends PrintStream {

	private static final int MAX_BATCH_BYTES = 64 * 1024;

	private final PrintStream console;

	private final Thread batcher;

	/** Only used by {@link #batcher}. */
	private final ByteArrayOutputStream batch = new ByteArrayOutputStream(MAX_BATCH_BYTES);

	/** Only used by {@link #batcher}. */
	private boolean batching;

	BatchedConsole(PrintStream console, Thread batcher) {
		// text printed by other threads is encoded as the console would encode it
		super(console, false, consoleCharset());
		this.console = console;
		this.batcher = batcher;
	}

	/**
	 * Puts a batched console in front of {@code System.out}, for {@code batcher}'s
	 * batches.
	 */
	static BatchedConsole install(Thread batcher) {
		BatchedConsole batched = new BatchedConsole(System.out, batcher);
		System.setOut(batched);
		return batched;
	}

	/**
	 * Runs {@code writes}, collecting what it writes on this thread into one batch, if
	 * this is the batcher thread; else runs it as is.
	 */
	void inOneBatch(Runnable writes) {
		if (Thread.currentThread() != this.batcher) {
			writes.run();
			return;
		}
		this.batching = true;
		try {
			writes.run();
		}
		finally {
			this.batching = false;
			send();
		}
	}

	@Override
	public void write(int b) {
		if (batching()) {
			this.batch.write(b);
			if (this.batch.size() >= MAX_BATCH_BYTES) {
				send();
			}
		}
		else {
			this.console.write(b);
		}
	}

	@Override
	public void write(byte[] buf) {
		write(buf, 0, buf.length);
	}

	@Override
	public void write(byte[] buf, int off, int len) {
		if (batching()) {
			this.batch.write(buf, off, len);
			if (this.batch.size() >= MAX_BATCH_BYTES) {
				send();
			}
		}
		else {
			this.console.write(buf, off, len);
		}
	}

	@Override
	public void flush() {
		// within a batch, the flush after each event waits for the batch's end
		if (!batching()) {
			this.console.flush();
		}
	}

	@Override
	public boolean checkError() {
		return this.console.checkError();
	}

	@Override
	public void close() {
		this.console.close();
	}

	private boolean batching() {
		return Thread.currentThread() == this.batcher && this.batching;
	}

	private void send() {
		if (this.batch.size() > 0) {
			try {
				this.batch.writeTo(this.console);
				this.console.flush();
			}
			catch (IOException ex) {
				// a PrintStream never throws: it keeps its errors for checkError
			}
			finally {
				// sent or failed, never sent twice
				this.batch.reset();
			}
		}
	}

	/**
	 * The charset the JVM gives {@code System.out}: {@code stdout.encoding} (Java 19 and
	 * later), {@code sun.stdout.encoding} (earlier), else the default.
	 */
	private static Charset consoleCharset() {
		String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
		try {
			return (name != null) ? Charset.forName(name) : Charset.defaultCharset();
		}
		catch (IllegalArgumentException ex) {
			return Charset.defaultCharset();
		}
	}

}
