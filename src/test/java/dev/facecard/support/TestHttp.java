package dev.facecard.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests against the real port: every header and byte as sent and received. */
public final class TestHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public TestHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	public Response get(String pathAndQuery, String... headers) {
		return send("GET", pathAndQuery, null, headers);
	}

	public Response head(String pathAndQuery, String... headers) {
		return send("HEAD", pathAndQuery, null, headers);
	}

	/** {@code headers} alternate names and values. */
	public Response send(String method, String pathAndQuery, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			var response = this.client.send(request.build(), BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + pathAndQuery + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A GET sent byte for byte over a socket, for request lines that {@link java.net.URI} refuses to build
	 * (bad percent-encoding). Only status and body are parsed.
	 */
	public Response rawGet(String pathAndQuery, String... headers) {
		URI base = URI.create(this.base);
		try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n");
			for (int i = 0; i < headers.length; i += 2) {
				request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			byte[] raw = socket.getInputStream().readAllBytes();
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int headerEnd = text.indexOf("\r\n\r\n");
			int status = Integer.parseInt(text.substring(9, 12));
			java.util.Map<String, List<String>> received = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (String line : text.substring(0, headerEnd).split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					received.computeIfAbsent(line.substring(0, colon).trim(), name -> new java.util.ArrayList<>())
						.add(line.substring(colon + 1).trim());
				}
			}
			byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
			if (received.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(status, java.net.http.HttpHeaders.of(received, (name, value) -> true), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + pathAndQuery + " failed", ex);
		}
	}

	private static byte[] dechunk(byte[] chunked) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, at);
			int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim(), 16);
			if (size == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return bytes.length;
	}

	public static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public List<String> headerValues(String name) {
			return this.headers.allValues(name);
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + this.headers.map() + " " + ((this.body.length < 2000) ? text() : "");
		}

	}

}
