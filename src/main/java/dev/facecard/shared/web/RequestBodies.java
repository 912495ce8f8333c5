package dev.facecard.shared.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.shared.web.error.PayloadTooLargeException;
import dev.facecard.shared.web.error.RequestTimeoutException;

/**
 * Reads a request body under a limit and a deadline. A body beyond the limit, declared or
 * sent (a chunked body declares nothing), is a 413, found without reading more than one
 * byte past the limit. A body still arriving when the deadline has passed is a 408:
 * Tomcat's timeout is per read, so a client that trickles a byte every few seconds never
 * trips it, and the time is checked after every read instead. A body that ends before its
 * declared length or breaks off (the client closed or reset) is a 400: the client's
 * doing, not an internal error.
 */
public final class RequestBodies {

	/**
	 * The largest first buffer; grown by doubling from there. A declared length only
	 * sizes a buffer up to this: it is not trusted further (the body may never arrive).
	 */
	private static final int INITIAL_BUFFER = 8192;

	private RequestBodies() {
	}

	/**
	 * @param declaredLength the Content-Length, or -1 when unknown
	 * @param deadline how long the body may take from now
	 * ({@code facecard.deadlines.body})
	 * @param tooLarge the detail of the 413
	 */
	public static byte[] read(InputStream body, long declaredLength, long maxBytes, Duration deadline,
			String tooLarge) {
		if (declaredLength > maxBytes) {
			throw new PayloadTooLargeException(tooLarge);
		}
		long start = System.nanoTime();
		long deadlineNanos = deadline.toNanos();
		int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
		// a declared length sizes the first buffer (one byte more to see the end without
		// growing it), but never past INITIAL_BUFFER: zeroing 8 KB for a 30-byte body was
		// 3% of a profile request
		int first = (declaredLength >= 0) ? (int) Math.min(declaredLength + 1, INITIAL_BUFFER) : INITIAL_BUFFER;
		byte[] bytes = new byte[Math.min(limit, first)];
		int length = 0;
		try {
			while (length < limit) {
				if (length == bytes.length) {
					bytes = Arrays.copyOf(bytes, (int) Math.min(limit, 2L * bytes.length));
				}
				int read = body.read(bytes, length, bytes.length - length);
				if (read < 0) {
					break;
				}
				length += read;
				if (System.nanoTime() - start > deadlineNanos) {
					throw timedOut(deadline);
				}
			}
		}
		catch (IOException ex) {
			// Tomcat's per-read timeout (server.tomcat.connection-timeout): the body
			// stalled
			if (ex instanceof SocketTimeoutException || ex.getCause() instanceof SocketTimeoutException) {
				throw timedOut(deadline);
			}
			throw new InvalidRequestException("The body ended before its declared length, or broke off.");
		}
		if (length > maxBytes) {
			throw new PayloadTooLargeException(tooLarge);
		}
		return (length == bytes.length) ? bytes : Arrays.copyOf(bytes, length);
	}

	private static RequestTimeoutException timedOut(Duration deadline) {
		String within = (deadline.toMillis() % 1000 == 0) ? deadline.toSeconds() + " s" : deadline.toMillis() + " ms";
		return new RequestTimeoutException("The body did not arrive within " + within + ".");
	}

}
