package dev.facecard.shared.web;

/**
 * How many connections may be open at once when {@code server.tomcat.max-connections} is
 * not set: as many as the heap holds beside what else it must hold. Each open connection
 * holds Tomcat's read buffer and {@code facecard.connections.write-buffer}, and one whose
 * request is under way (a client trickling its head, say) Tomcat's request and answer
 * buffers as well; at Tomcat's own limit of 8,192 such connections would take more than
 * the image's heap (README, Hostile input). So the connections get what is left of the
 * heap once a quarter of it is kept free, the byte-bounded caches are full and the
 * service's own data is in ({@value #BASE_BYTES} bytes), at most Tomcat's limit; beyond
 * it new connections wait in the operating system's accept queue, as they would at
 * Tomcat's. A heap too small for a hundred is refused at start.
 */
final class ConnectionBudget {

	/** Tomcat's own limit, kept where the heap holds more. */
	static final int TOMCAT_DEFAULT = 8192;

	/** The fewest the service starts with. */
	static final int MINIMUM = 100;

	/** Tomcat's read buffer of a connection ({@code socket.appReadBufSize}). */
	static final int READ_BUFFER_BYTES = 8 * 1024;

	/**
	 * What a request under way adds: Tomcat's request and answer buffers (26 to 31 KB
	 * measured with a head begun and not ended, bench/RESULTS-connections.md).
	 */
	static final int IN_FLIGHT_BYTES = 32 * 1024;

	/** The heap in use with no connection open and the caches empty. */
	static final long BASE_BYTES = 32L * 1024 * 1024;

	private ConnectionBudget() {
	}

	/**
	 * The most connections open at once for a heap of {@code maxHeapBytes} whose
	 * byte-bounded caches hold at most {@code cacheBytes}, each connection writing
	 * through {@code writeBufferBytes}.
	 * @throws HeapTooSmallException when that is fewer than {@value #MINIMUM}
	 */
	static int maxOpen(long maxHeapBytes, long cacheBytes, int writeBufferBytes) {
		long perConnection = READ_BUFFER_BYTES + (long) writeBufferBytes + IN_FLIGHT_BYTES;
		long room = maxHeapBytes - maxHeapBytes / 4 - cacheBytes - BASE_BYTES;
		long connections = Math.min(TOMCAT_DEFAULT, Math.max(0, room) / perConnection);
		if (connections < MINIMUM) {
			throw new HeapTooSmallException(mebibytes(maxHeapBytes), connections, perConnection / 1024,
					mebibytes(cacheBytes));
		}
		return (int) connections;
	}

	private static long mebibytes(long bytes) {
		return bytes / (1024 * 1024);
	}

	/** The heap holds fewer than {@value #MINIMUM} connections beside the caches. */
	static final class HeapTooSmallException extends IllegalStateException {

		HeapTooSmallException(long heapMegabytes, long connections, long connectionKilobytes, long cacheMegabytes) {
			super("A heap of " + heapMegabytes + " MB holds " + connections + " open connections of "
					+ connectionKilobytes + " KB beside caches of " + cacheMegabytes + " MB, fewer than " + MINIMUM);
		}

	}

}
