package dev.facecard.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.facecard.support.TestHttp.Response;

/**
 * HTTP/1.1 byte for byte over a socket: request lines, headers and bodies that {@link java.net.http} refuses
 * to send (invalid UTF-8, NUL, bad percent-encoding, oversized or folded headers, chunked bodies of any
 * shape). One connection per request; the response is read by its own framing (Content-Length, chunked, or
 * to the end of the connection).
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 30_000;

	/** The status of an answer without a status line (HTTP/0.9 style). */
	public static final int HTTP_09 = 0;

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	public int port() {
		return this.port;
	}

	/** A request of the usual shape: {@code Host} and {@code Connection: close} first, then {@code headers}. */
	public Response send(String method, String target, byte[] body, String... headers) {
		return exchange(request(method, target, body, false, headers));
	}

	/** As {@link #send}, the body sent chunked (no Content-Length), in pieces of {@code chunkSize} bytes. */
	public Response sendChunked(String method, String target, byte[] body, int chunkSize, String... headers) {
		ByteArrayOutputStream chunked = new ByteArrayOutputStream();
		for (int at = 0; at < body.length; at += chunkSize) {
			int length = Math.min(chunkSize, body.length - at);
			chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunked.write(body, at, length);
			chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return exchange(request(method, target, chunked.toByteArray(), true, headers));
	}

	/**
	 * Builds request bytes: the request line and header texts are sent as ISO-8859-1, so each char below 256
	 * is one byte (U+00FF is the byte 0xFF).
	 */
	private static byte[] request(String method, String target, byte[] body, boolean chunked, String... headers) {
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: localhost\r\nConnection: close\r\n");
		for (int i = 0; i < headers.length; i += 2) {
			head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		if (chunked) {
			head.append("Transfer-Encoding: chunked\r\n");
		}
		else if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (body != null) {
			bytes.writeBytes(body);
		}
		return bytes.toByteArray();
	}

	/**
	 * Sends {@code request} exactly as given and reads one response. A server may answer and close before it
	 * read everything (a 413, a rejected request line): a failed write is then not an error, the answer is.
	 */
	public Response exchange(byte[] request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			try {
				OutputStream out = socket.getOutputStream();
				out.write(request);
				out.flush();
				socket.shutdownOutput();
			}
			catch (SocketException ex) {
				// the server closed early; what it answered is still readable
			}
			boolean head = startsWith(request, "HEAD ");
			return read(new BufferedInputStream(socket.getInputStream()), head);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Request failed: " + preview(request), ex);
		}
	}

	/**
	 * Reads one response from a connection that stays open (keep-alive): by its own framing, never to the end
	 * of the connection unless it has no other.
	 */
	public static Response readResponse(InputStream in) throws IOException {
		return read(in, false);
	}

	/** Parses the bytes a server sent as one response. */
	public static Response parse(byte[] answer) {
		try {
			return read(new ByteArrayInputStream(answer), false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not an HTTP response: " + preview(answer), ex);
		}
	}

	private static Response read(InputStream in, boolean head) throws IOException {
		int status;
		Map<String, List<String>> headers;
		do { // interim answers (100 Continue) come before the one that counts
			String statusLine = line(in);
			if (statusLine == null) {
				throw new IOException("The server closed the connection without an answer");
			}
			if (!statusLine.matches("HTTP/\\d\\.\\d \\d{3}( .*)?")) {
				// an HTTP/0.9-style answer (Tomcat's to a request line it cannot place): no status, no headers
				byte[] rest = in.readAllBytes();
				byte[] body = new byte[statusLine.length() + 1 + rest.length];
				System.arraycopy(statusLine.getBytes(StandardCharsets.ISO_8859_1), 0, body, 0, statusLine.length());
				body[statusLine.length()] = '\n';
				System.arraycopy(rest, 0, body, statusLine.length() + 1, rest.length);
				return new Response(HTTP_09, HttpHeaders.of(Map.of(), (name, value) -> true), body);
			}
			status = Integer.parseInt(statusLine.substring(9, 12));
			headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
						.add(line.substring(colon + 1).trim());
				}
			}
		}
		while (status >= 100 && status < 200 && status != 101);
		byte[] body;
		String length = first(headers, "Content-Length");
		if (head || status == 204 || status == 304 || status == 101) {
			body = new byte[0];
		}
		else if (first(headers, "Transfer-Encoding") != null
				&& first(headers, "Transfer-Encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
			body = dechunk(in);
		}
		else if (length != null) {
			body = in.readNBytes(Integer.parseInt(length));
		}
		else {
			body = in.readAllBytes();
		}
		return new Response(status, HttpHeaders.of(headers, (name, value) -> true), body);
	}

	private static byte[] dechunk(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = line(in);
			if (sizeLine == null) {
				return out.toByteArray();
			}
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
			if (size == 0) {
				for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
					// trailers are not looked at
				}
				return out.toByteArray();
			}
			out.writeBytes(in.readNBytes(size));
			line(in);
		}
	}

	/** One CRLF-terminated line as ISO-8859-1, or null at the end of the stream. */
	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int end = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
	}

	private static String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static boolean startsWith(byte[] bytes, String prefix) {
		return new String(bytes, 0, Math.min(bytes.length, prefix.length()), StandardCharsets.ISO_8859_1)
			.equals(prefix);
	}

	private static String preview(byte[] request) {
		String text = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
		return text.replace("\r\n", "\\r\\n");
	}

}
