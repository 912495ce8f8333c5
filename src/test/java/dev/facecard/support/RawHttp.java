package dev.facecard.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.facecard.support.TestHttp.Response;

/**
 * HTTP/1.1 byte for byte over a socket: request lines, headers and bodies that
 * {@link java.net.http} refuses to send (invalid UTF-8, NUL, bad percent-encoding,
 * oversized or folded headers, chunked bodies of any shape). One connection per request;
 * the response is read while the request is written, by its own framing (Content-Length,
 * chunked, or to the end of the connection).
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 30_000;

	/**
	 * Bytes written at a time: between pieces, the writer sees whether the server has
	 * answered already.
	 */
	private static final int PIECE = 8192;

	/**
	 * The status of an answer without a status line (HTTP/0.9 style), an empty one
	 * included.
	 */
	public static final int HTTP_09 = 0;

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	public int port() {
		return this.port;
	}

	/**
	 * A request of the usual shape: {@code Host} and {@code Connection: close} first,
	 * then {@code headers}.
	 */
	public Response send(String method, String target, byte[] body, String... headers) {
		return exchange(request(method, target, body, false, headers));
	}

	/**
	 * As {@link #send}, the body sent chunked (no Content-Length), in pieces of
	 * {@code chunkSize} bytes.
	 */
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
	 * Builds request bytes: the request line and header texts are sent as ISO-8859-1, so
	 * each char below 256 is one byte (U+00FF is the byte 0xFF).
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
	 * Sends {@code request} exactly as given and reads one response. The answer is read
	 * while the request is being written, by a thread started before the first byte goes
	 * out: a server may answer and close before it read everything (a 413, a refused
	 * request head), and then the rest of the request is not written. Such a close makes
	 * Linux reset the connection, and the answer that came before the reset is still the
	 * answer ({@link EndAtReset}). Nothing at all before the connection ends is an empty
	 * answer without a status line ({@link #HTTP_09}).
	 */
	public Response exchange(byte[] request) {
		boolean head = startsWith(request, "HEAD ");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			InputStream in = new BufferedInputStream(new EndAtReset(socket.getInputStream()));
			CompletableFuture<Response> answer = new CompletableFuture<>();
			Thread reader = new Thread(() -> {
				try {
					answer.complete(read(in, head));
				}
				catch (Throwable ex) {
					answer.completeExceptionally(ex);
				}
				finally {
					// answered, or no answer coming: a write the server no longer reads
					// must not wait for it
					closeQuietly(socket);
				}
			}, "raw-http-reader");
			reader.setDaemon(true);
			reader.start();
			write(socket, request, answer);
			return answer.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException failure) {
				throw new UncheckedIOException("Request failed: " + preview(request), failure);
			}
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException("Request failed: " + preview(request), ex.getCause());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Request failed: " + preview(request), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + preview(request), ex);
		}
	}

	/**
	 * Writes in pieces until all is written or the answer is complete. A failed write
	 * ends the request: the server closed early, or the reader closed the socket after
	 * the answer.
	 */
	private static void write(Socket socket, byte[] request, Future<Response> answer) {
		try {
			OutputStream out = socket.getOutputStream();
			for (int at = 0; at < request.length && !answer.isDone(); at += PIECE) {
				out.write(request, at, Math.min(PIECE, request.length - at));
			}
			out.flush();
			socket.shutdownOutput();
		}
		catch (IOException ex) {
			// the reader has whatever answer there is
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * Reads one response from a connection that stays open (keep-alive): by its own
	 * framing, never to the end of the connection unless it has no other.
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
		boolean first = true;
		do { // interim answers (100 Continue) come before the one that counts
			byte[] statusBytes = rawLine(in);
			if (statusBytes == null && first) {
				// closed (or reset) without a byte, which Tomcat does in a case where it
				// answers HTTP/0.9 style
				// (HostileRequestExamplesTest#aRefusedRequestLineRightAfterAnHttp09RequestGetsNoStatusLine);
				// a client cannot tell whether a reset came before or after the server
				// read the whole request
				return new Response(HTTP_09, HttpHeaders.of(Map.of(), (name, value) -> true), new byte[0]);
			}
			if (statusBytes == null) {
				throw new IOException("The server closed the connection after an interim answer");
			}
			first = false;
			String statusLine = text(statusBytes);
			if (!statusLine.matches("HTTP/\\d\\.\\d \\d{3}( .*)?")) {
				// an HTTP/0.9-style answer (Tomcat's to a request line it cannot place):
				// no status, no headers
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				body.writeBytes(statusBytes);
				in.transferTo(body);
				return new Response(HTTP_09, HttpHeaders.of(Map.of(), (name, value) -> true), body.toByteArray());
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
		boolean framed = true;
		if (head || status == 204 || status == 304 || status == 101) {
			body = new byte[0];
		}
		else if (first(headers, "Transfer-Encoding") != null
				&& first(headers, "Transfer-Encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
			body = dechunk(in);
		}
		else if (length != null) {
			body = in.readNBytes(Integer.parseInt(length));
			if (body.length < Integer.parseInt(length)) {
				throw new IOException("The answer ended after " + body.length + " of its " + length + " bytes: "
						+ status + " " + headers);
			}
		}
		else {
			body = in.readAllBytes();
			framed = false;
		}
		String connection = first(headers, "Connection");
		if (framed && connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
			// wait for the close, so that the next request never finds the server still
			// busy with this one: how Tomcat answers can depend on the request before
			// (HostileRequestExamplesTest)
			in.transferTo(OutputStream.nullOutputStream());
		}
		return new Response(status, HttpHeaders.of(headers, (name, value) -> true), body);
	}

	private static byte[] dechunk(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = line(in);
			if (sizeLine == null) {
				throw new IOException("The answer ended before its last chunk, after " + out.size() + " bytes");
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

	/**
	 * A socket's input on which a reset reads as the end of the stream. A server that
	 * closes with bytes of the request unread makes Linux reset the connection, so an
	 * answer that runs to the end of the connection (no length, HTTP/0.9 style) may end
	 * in a reset instead of a close, and it is whole all the same. Framed answers end
	 * where their framing says, before any reset; one cut short is an error in
	 * {@link #read}.
	 */
	private static final class EndAtReset extends FilterInputStream {

		private boolean reset;

		EndAtReset(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (this.reset) {
				return -1;
			}
			try {
				return super.read(bytes, offset, length);
			}
			catch (SocketException ex) {
				this.reset = true;
				return -1;
			}
		}

	}

	/** One CRLF-terminated line as ISO-8859-1, or null at the end of the stream. */
	private static String line(InputStream in) throws IOException {
		byte[] line = rawLine(in);
		return (line != null) ? text(line) : null;
	}

	/**
	 * One line with its line end as received (none at the end of the stream), or null at
	 * the end of the stream.
	 */
	private static byte[] rawLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			line.write(b);
			if (b == '\n') {
				break;
			}
		}
		return (line.size() > 0) ? line.toByteArray() : null;
	}

	/** A line without its line end (LF or CRLF), as ISO-8859-1. */
	private static String text(byte[] line) {
		int end = line.length;
		if (end > 0 && line[end - 1] == '\n') {
			end--;
			if (end > 0 && line[end - 1] == '\r') {
				end--;
			}
		}
		return new String(line, 0, end, StandardCharsets.ISO_8859_1);
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
