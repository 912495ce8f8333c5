package dev.facecard.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated request, kept in parts so a failure reads well and shrinks well. The
 * request line and header texts are ISO-8859-1 (one char, one byte: U+00FF is the byte
 * 0xFF); {@code rawHead}, when set, replaces the request line and headers entirely (for
 * request lines no client would send).
 */
record HostileRequest(String method, String target, List<String> headers, byte[] body, Transfer transfer,
		String rawHead) {

	/** How the body travels. */
	enum Transfer {

		/** Content-Length of the body. */
		LENGTH,
		/** Transfer-Encoding: chunked, in pieces of up to 1000 bytes. */
		CHUNKED,
		/**
		 * Neither header: the body is whatever follows (nothing, for a well-behaved
		 * request).
		 */
		NONE,
		/**
		 * A Content-Length 10 bytes more than the body sent: the client stops sending
		 * before the end.
		 */
		SHORT

	}

	HostileRequest {
		headers = List.copyOf(headers);
	}

	static HostileRequest of(String method, String target, List<String> headers, byte[] body) {
		return new HostileRequest(method, target, headers, body, (body != null) ? Transfer.LENGTH : Transfer.NONE,
				null);
	}

	static HostileRequest raw(String head, byte[] body) {
		return new HostileRequest(null, null, List.of(), body, Transfer.NONE, head);
	}

	HostileRequest withHeaders(List<String> more) {
		List<String> all = new ArrayList<>(this.headers);
		all.addAll(more);
		return new HostileRequest(this.method, this.target, all, this.body, this.transfer, this.rawHead);
	}

	HostileRequest withTransfer(Transfer transfer) {
		return new HostileRequest(this.method, this.target, this.headers, this.body, transfer, this.rawHead);
	}

	boolean isHead() {
		return "HEAD".equals(this.method);
	}

	/** Exactly the bytes sent. Headers are name/value pairs in {@link #headers}. */
	byte[] bytes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (this.rawHead != null) {
			out.writeBytes(this.rawHead.getBytes(StandardCharsets.ISO_8859_1));
		}
		else {
			StringBuilder head = new StringBuilder(this.method).append(' ').append(this.target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost\r\nConnection: close\r\n");
			for (int i = 0; i < this.headers.size(); i += 2) {
				head.append(this.headers.get(i)).append(": ").append(this.headers.get(i + 1)).append("\r\n");
			}
			byte[] payload = (this.body != null) ? this.body : new byte[0];
			if (this.transfer == Transfer.LENGTH || this.transfer == Transfer.SHORT) {
				int declared = payload.length + ((this.transfer == Transfer.SHORT) ? 10 : 0);
				head.append("Content-Length: ").append(declared).append("\r\n");
			}
			else if (this.transfer == Transfer.CHUNKED) {
				head.append("Transfer-Encoding: chunked\r\n");
			}
			head.append("\r\n");
			out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (this.transfer == Transfer.CHUNKED) {
				for (int at = 0; at < payload.length; at += 1000) {
					int length = Math.min(1000, payload.length - at);
					out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write(payload, at, length);
					out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				return out.toByteArray();
			}
		}
		if (this.body != null) {
			out.writeBytes(this.body);
		}
		return out.toByteArray();
	}

	/**
	 * The request as text a person can read: non-printable bytes escaped, long runs cut.
	 */
	@Override
	public String toString() {
		return printable(new String(bytes(), StandardCharsets.ISO_8859_1));
	}

	static String printable(String text) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (at < text.length() && out.length() < 1500) {
			char c = text.charAt(at);
			int run = 1;
			while (at + run < text.length() && text.charAt(at + run) == c) {
				run++;
			}
			if (run > 20) {
				out.append(escape(c)).append("{×").append(run).append('}');
				at += run;
				continue;
			}
			out.append(escape(c));
			at++;
		}
		if (at < text.length()) {
			out.append("…(").append(text.length()).append(" chars)");
		}
		return out.toString();
	}

	private static String escape(char c) {
		if (c == '\r') {
			return "\\r";
		}
		if (c == '\n') {
			return "\\n\n";
		}
		if (c < 0x20 || c >= 0x7F) {
			return String.format("\\x%02X", (int) c);
		}
		return String.valueOf(c);
	}

}
