package dev.facecard.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, an {@code \r} before it dropped) without
 * holding more than one line of at most {@code maxLineBytes}: the rest of a longer line
 * is read and dropped, and the line reported as too long. A last line without its
 * {@code \n} is a line too; nothing after the last {@code \n} is none.
 */
final class NdjsonLines {

	private final InputStream in;

	private final int maxLineBytes;

	private final byte[] buffer = new byte[64 * 1024];

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private int position;

	private int limit;

	private int number;

	private boolean ended;

	NdjsonLines(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
	}

	/** A line: its number (from 1) and bytes, or null bytes when it was too long. */
	record Line(int number, byte[] bytes) {

		boolean tooLong() {
			return this.bytes == null;
		}

	}

	/** The next line, or null at the end of the stream. */
	Line next() throws IOException {
		if (this.ended) {
			return null;
		}
		this.line.reset();
		boolean tooLong = false;
		boolean any = false;
		while (true) {
			if (this.position == this.limit) {
				this.limit = this.in.read(this.buffer);
				this.position = 0;
				if (this.limit < 0) {
					this.limit = 0;
					this.ended = true;
					return any ? line(tooLong) : null;
				}
				continue;
			}
			any = true;
			int end = this.position;
			while (end < this.limit && this.buffer[end] != '\n') {
				end++;
			}
			int length = end - this.position;
			if (!tooLong && this.line.size() + length > this.maxLineBytes + 1) {
				// one byte more than the limit may be the \r of a line just within it
				tooLong = true;
				this.line.reset();
			}
			if (!tooLong) {
				this.line.write(this.buffer, this.position, length);
			}
			if (end < this.limit) {
				this.position = end + 1;
				return line(tooLong);
			}
			this.position = this.limit;
		}
	}

	private Line line(boolean tooLong) {
		this.number++;
		if (tooLong) {
			return new Line(this.number, null);
		}
		byte[] bytes = this.line.toByteArray();
		int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
		if (length > this.maxLineBytes) {
			return new Line(this.number, null);
		}
		return new Line(this.number, (length == bytes.length) ? bytes : Arrays.copyOf(bytes, length));
	}

}
