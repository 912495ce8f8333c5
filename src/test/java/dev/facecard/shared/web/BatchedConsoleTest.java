package dev.facecard.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedConsoleTest {

	/**
	 * What reached the console: each write (a system call on a real one), and flushes.
	 */
	private final List<String> writes = new ArrayList<>();

	private int flushes;

	private final PrintStream console = new PrintStream(new OutputStream() {

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			BatchedConsoleTest.this.writes.add(new String(b, off, len, StandardCharsets.UTF_8));
		}

		@Override
		public void flush() {
			BatchedConsoleTest.this.flushes++;
		}

	}, false, StandardCharsets.UTF_8);

	@Test
	void theBatchersLinesReachTheConsoleInOneWriteWhenTheBatchEnds() {
		BatchedConsole batched = new BatchedConsole(this.console, Thread.currentThread());

		batched.inOneBatch(() -> {
			for (int i = 0; i < 3; i++) {
				// as Logback's console appender writes an event
				batched.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
				batched.flush();
			}
			assertThat(this.writes).isEmpty();
		});

		assertThat(this.writes).containsExactly("line 0\nline 1\nline 2\n");
		assertThat(this.flushes).isEqualTo(1);
	}

	@Test
	void otherThreadsAndTheBatcherOutsideABatchWriteThroughAtOnce() throws Exception {
		BatchedConsole batched = new BatchedConsole(this.console, Thread.currentThread());

		batched.write("before\n".getBytes(StandardCharsets.UTF_8));
		batched.inOneBatch(() -> {
			batched.write("mine\n".getBytes(StandardCharsets.UTF_8));
			Thread other = new Thread(() -> {
				batched.println("theirs");
				batched.flush();
			});
			other.start();
			try {
				other.join();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});

		assertThat(String.join("", this.writes)).isEqualTo("before\ntheirs\nmine\n");
		assertThat(this.writes.get(this.writes.size() - 1)).isEqualTo("mine\n");
	}

	@Test
	void aLargeBatchIsSentInPartsOfAtMost64KiBAndNothingIsLost() {
		BatchedConsole batched = new BatchedConsole(this.console, Thread.currentThread());
		ByteArrayOutputStream expected = new ByteArrayOutputStream();

		batched.inOneBatch(() -> {
			for (int i = 0; i < 2000; i++) {
				byte[] line = ("GET /api/user/get_avatar 200 " + i + "ms request " + i + "\n")
					.getBytes(StandardCharsets.UTF_8);
				expected.writeBytes(line);
				batched.write(line);
			}
		});

		assertThat(String.join("", this.writes)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
		assertThat(this.writes).hasSizeBetween(2, 3);
		assertThat(this.writes.subList(0, this.writes.size() - 1))
			.allSatisfy(part -> assertThat(part.length()).isBetween(64 * 1024, 64 * 1024 + 100));
	}

}
