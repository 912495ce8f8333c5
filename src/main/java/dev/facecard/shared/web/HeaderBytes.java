package dev.facecard.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Response headers handed to Tomcat as bytes. Tomcat encodes every header set as a
 * {@code String} again for every answer, with a new {@code CharsetEncoder} each time:
 * about 0.4 µs a header, a tenth of a cached avatar's CPU with the dozen headers it
 * carries (bench/RESULTS.md, Notes). A header set here is copied to the socket as it is.
 * <p>
 * The request carries Tomcat's own response ({@link #valve()}, an engine valve); where it
 * does not (a request that did not come through Tomcat's engine), the header is set the
 * servlet way. Values are ASCII: names and values Facecard writes itself, never a
 * client's text.
 */
public final class HeaderBytes {

	static final String ATTRIBUTE = HeaderBytes.class.getName() + ".response";

	private HeaderBytes() {
	}

	/** Replaces any value of the header, as {@link HttpServletResponse#setHeader}. */
	public static void set(HttpServletRequest request, HttpServletResponse response, Name name, String value) {
		if (request.getAttribute(ATTRIBUTE) instanceof org.apache.coyote.Response tomcat) {
			if (!tomcat.isCommitted()) {
				MimeHeaders headers = tomcat.getMimeHeaders();
				int at = headers.findHeader(name.text, 0);
				if (at >= 0) {
					// later duplicates go, as Tomcat's own setHeader drops them
					for (int next = headers.findHeader(name.text, at + 1); next >= 0; next = headers
						.findHeader(name.text, at + 1)) {
						headers.removeHeader(next);
					}
					bytes(headers.getValue(at), value);
				}
				else {
					add(headers, name, value);
				}
			}
			return;
		}
		response.setHeader(name.text, value);
	}

	/** Adds a value of the header, as {@link HttpServletResponse#addHeader}. */
	public static void add(HttpServletRequest request, HttpServletResponse response, Name name, String value) {
		if (request.getAttribute(ATTRIBUTE) instanceof org.apache.coyote.Response tomcat) {
			if (!tomcat.isCommitted()) {
				add(tomcat.getMimeHeaders(), name, value);
			}
			return;
		}
		response.addHeader(name.text, value);
	}

	private static void add(MimeHeaders headers, Name name, String value) {
		bytes(headers.addValue(name.bytes, 0, name.bytes.length), value);
	}

	private static void bytes(org.apache.tomcat.util.buf.MessageBytes target, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
		target.setBytes(bytes, 0, bytes.length);
	}

	/**
	 * Puts Tomcat's response on each request for {@link #set} and {@link #add}: an engine
	 * valve, so that every filter, error page and valve after it sees it.
	 */
	static ValveBase valve() {
		return new ResponseOnRequest();
	}

	static final class ResponseOnRequest extends ValveBase {

		private ResponseOnRequest() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			request.setAttribute(ATTRIBUTE, response.getCoyoteResponse());
			getNext().invoke(request, response);
		}

	}

	/** A header's name, encoded once. */
	public static final class Name {

		private final String text;

		private final byte[] bytes;

		private Name(String text) {
			// Tomcat keeps these two apart from the other headers
			if (text.equalsIgnoreCase("Content-Type") || text.equalsIgnoreCase("Content-Length")) {
				throw new IllegalArgumentException(text + " is set through the response's own methods");
			}
			this.text = text;
			this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		}

		public static Name of(String text) {
			return new Name(text);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
