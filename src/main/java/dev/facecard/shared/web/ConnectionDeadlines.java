package dev.facecard.shared.web;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.shared.config.FacecardProperties;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadlines of slow clients ({@code facecard.deadlines}) on Tomcat's connections.
 * Tomcat's own timeouts are per read: a client that sends a byte every few seconds never
 * trips them. {@link SlowClientProtocol} walks the open connections once a second and
 * closes those past a deadline:
 * <ul>
 * <li>a request head still incomplete {@code head} after its first byte. Tomcat parks an
 * incomplete head in its poller, with the processor (and the request's start time) on the
 * connection, so it is seen there;</li>
 * <li>a request still in progress {@code head + body} after its first byte. A worker
 * thread holds the processor meanwhile, so {@link #valve()} notes each request here by
 * its connection's id. A body a handler reads has a deadline of its own
 * ({@link RequestBodies}, a 408); this one bounds what no handler sees: a body never
 * read, which Tomcat reads and discards after the answer, and a client that reads the
 * answer too slowly;</li>
 * <li>a connection between requests that has not started one within Tomcat's idle timeout
 * (the larger of the connection and keep-alive timeouts) plus {@code head}. Tomcat closes
 * a silent one before that; this is for a client that sends nothing but blank lines,
 * which HTTP allows before a request and each of which restarts Tomcat's timeout.</li>
 * </ul>
 * So an idle keep-alive connection is never closed before Tomcat's keep-alive timeout
 * would close it. A request that streams for longer (the bulk import and export) counts
 * its {@code head + body} from its last progress instead ({@link StreamingRequests}).
 * HTTP/1.1 only: Facecard enables no other protocol on its connector.
 */
final class ConnectionDeadlines implements StreamingRequests {

	private static final Logger log = LoggerFactory.getLogger(ConnectionDeadlines.class);

	/**
	 * The arguments Tomcat's HTTP/1.1 processor creates a connection's
	 * {@link ServletConnection} with.
	 */
	private static final String PROTOCOL = "http/1.1";

	/** Which deadline closed a connection. */
	enum Missed {

		HEAD, REQUEST, IDLE

	}

	private final long headNanos;

	private final long requestNanos;

	private final Consumer<Missed> closed;

	/**
	 * By connection id: the request a worker is serving, or since when the connection is
	 * between requests.
	 */
	private final ConcurrentMap<String, State> connections = new ConcurrentHashMap<>();

	/**
	 * @param closed told of every connection closed, and why
	 */
	ConnectionDeadlines(FacecardProperties.Deadlines deadlines, Consumer<Missed> closed) {
		this.headNanos = deadlines.head().toNanos();
		this.requestNanos = deadlines.head().plus(deadlines.body()).toNanos();
		this.closed = closed;
	}

	/**
	 * Notes each request as it enters the container (the request path's whole cost: one
	 * map put), and closes the connection right after a 408 instead of reading the rest
	 * of a late body.
	 */
	ValveBase valve() {
		return new DeadlineValve(this);
	}

	/**
	 * Closes every connection past its deadline, and forgets connections that are gone.
	 * @param idleTimeout how long Tomcat keeps a silent connection open (the larger of
	 * its connection and keep-alive timeouts); zero or less when it never closes one
	 */
	void sweep(Set<? extends SocketWrapperBase<?>> open, Duration idleTimeout) {
		long now = System.nanoTime();
		long idleNanos = (idleTimeout.isNegative() || idleTimeout.isZero()) ? -1
				: idleTimeout.toNanos() + this.headNanos;
		Set<String> ids = new HashSet<>();
		for (SocketWrapperBase<?> connection : open) {
			if (connection.isClosed()) {
				continue;
			}
			String id = connection.getServletConnection(PROTOCOL, "").getConnectionId();
			ids.add(id);
			Missed missed = missed(connection, id, now, idleNanos);
			if (missed != null) {
				connection.close();
				this.closed.accept(missed);
				log.debug("Closed connection {} from {}: it missed its {} deadline", id, connection.getRemoteAddr(),
						missed);
			}
		}
		// a connection opened after the list was taken starts later than now: its entry
		// stays
		this.connections.entrySet()
			.removeIf(entry -> !ids.contains(entry.getKey()) && entry.getValue().since() - now < 0);
	}

	@Override
	public void progressed(HttpServletRequest request) {
		ServletConnection connection = request.getServletConnection();
		if (connection == null) {
			return;
		}
		long now = System.nanoTime();
		this.connections.computeIfPresent(connection.getConnectionId(),
				(id, state) -> (state instanceof Exchange exchange) ? exchange.progressedAt(now) : state);
	}

	/** The deadline the connection is past, or null. */
	private Missed missed(SocketWrapperBase<?> connection, String id, long now, long idleNanos) {
		// an incomplete head waits in the poller with its processor on the connection
		// (async requests too, but Facecard has none; they would not count as heads)
		if (connection.getCurrentProcessor() instanceof AbstractProcessor processor && !processor.isAsync()) {
			long start = processor.getRequest().getStartTimeNanos();
			if (start != -1) {
				return (now - start > this.headNanos) ? Missed.HEAD : null;
			}
		}
		State state = this.connections.get(id);
		if (state == null) {
			this.connections.putIfAbsent(id, new Idle(now));
			return null;
		}
		if (state instanceof Exchange exchange) {
			// Tomcat recycles the request (start time -1, or the next request's) once it
			// is done, answer sent and unread body discarded
			if (exchange.request().getStartTimeNanos() == exchange.since()) {
				return (now - exchange.progress() > this.requestNanos) ? Missed.REQUEST : null;
			}
			this.connections.replace(id, exchange, new Idle(now));
			return null;
		}
		return (idleNanos > 0 && now - state.since() > idleNanos) ? Missed.IDLE : null;
	}

	/** What a connection is doing, since when ({@link System#nanoTime()}). */
	private sealed interface State permits Exchange, Idle {

		long since();

	}

	/**
	 * A request in a worker's hands, since its first byte (Tomcat's start time); its
	 * deadline counts from {@code progress}, that first byte unless it streams.
	 */
	private record Exchange(org.apache.coyote.Request request, long since, long progress) implements State {

		Exchange(org.apache.coyote.Request request, long since) {
			this(request, since, since);
		}

		Exchange progressedAt(long now) {
			return new Exchange(this.request, this.since, now);
		}

	}

	/** Between requests, since it was first seen so. */
	private record Idle(long since) implements State {
	}

	/**
	 * An engine valve: it sees every request before any filter, with Tomcat's own request
	 * and start time, and its answer after every error page.
	 */
	private static final class DeadlineValve extends ValveBase {

		private final ConnectionDeadlines deadlines;

		DeadlineValve(ConnectionDeadlines deadlines) {
			super(true);
			this.deadlines = deadlines;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			org.apache.coyote.Request coyoteRequest = request.getCoyoteRequest();
			long start = coyoteRequest.getStartTimeNanos();
			ServletConnection connection = coyoteRequest.getServletConnection();
			if (start != -1 && connection != null) {
				this.deadlines.connections.put(connection.getConnectionId(), new Exchange(coyoteRequest, start));
			}
			getNext().invoke(request, response);
			if (response.getStatus() == HttpServletResponse.SC_REQUEST_TIMEOUT) {
				// the body is late (RequestBodies). Tomcat reads what is left of a body
				// after a committed answer, waiting on the slow client again; as for a
				// cancelled upload, it closes the connection instead
				coyoteRequest.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
		}

	}

}
