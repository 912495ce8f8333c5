package dev.facecard.shared.web;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.http11.Http11NioProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO HTTP/1.1 connector, with {@link ConnectionDeadlines} checked once a second
 * on Tomcat's utility executor. A subclass because the endpoint, and so the list of open
 * connections, is only visible from one. Public with a public constructor: Tomcat creates
 * the protocol from its class name.
 */
public class SlowClientProtocol extends Http11NioProtocol {

	private static final Logger log = LoggerFactory.getLogger(SlowClientProtocol.class);

	/**
	 * How often the deadlines are checked: a connection is closed at most this long after
	 * its deadline.
	 */
	static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

	private volatile ConnectionDeadlines deadlines;

	private ScheduledFuture<?> sweeper;

	/** Set before the connector starts; without it, nothing is enforced. */
	void enforce(ConnectionDeadlines deadlines) {
		this.deadlines = deadlines;
	}

	/**
	 * Set before the connector starts: the bytes of an answer handed to the socket at
	 * once ({@code facecard.connections.write-buffer}); every open connection holds a
	 * buffer of this size.
	 */
	void writeBuffer(int bytes) {
		getEndpoint().getSocketProperties().setAppWriteBufSize(bytes);
	}

	int writeBuffer() {
		return getEndpoint().getSocketProperties().getAppWriteBufSize();
	}

	/**
	 * Connections open now, idle or not: each holds its read and write buffers (README
	 * "Hostile input").
	 */
	int openConnections() {
		return getEndpoint().getConnections().size();
	}

	@Override
	public void start() throws Exception {
		super.start();
		if (this.deadlines != null) {
			long millis = SWEEP_INTERVAL.toMillis();
			this.sweeper = getUtilityExecutor().scheduleWithFixedDelay(this::sweep, millis, millis,
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() throws Exception {
		if (this.sweeper != null) {
			this.sweeper.cancel(false);
			this.sweeper = null;
		}
		super.stop();
	}

	private void sweep() {
		try {
			// zero or less is "never" to Tomcat: then it keeps silent connections, and so
			// does the sweep
			int connectionTimeout = getConnectionTimeout();
			int keepAliveTimeout = getKeepAliveTimeout();
			Duration idle = (connectionTimeout > 0 && keepAliveTimeout > 0)
					? Duration.ofMillis(Math.max(connectionTimeout, keepAliveTimeout)) : Duration.ZERO;
			this.deadlines.sweep(getEndpoint().getConnections(), idle);
		}
		catch (RuntimeException ex) {
			// an exception would cancel the schedule: the next second tries again
			log.warn("Checking the deadlines of slow clients failed", ex);
		}
	}

}
