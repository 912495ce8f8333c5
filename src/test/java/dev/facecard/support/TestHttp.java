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

/**
 * A plain HTTP client for tests against the real port: every header and byte as sent and
 * received.
 */
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
	 * A GET sent byte for byte over a socket ({@link RawHttp}), for request lines that
	 * {@link java.net.URI} refuses to build (bad percent-encoding).
	 */
	public Response rawGet(String pathAndQuery, String... headers) {
		return new RawHttp(URI.create(this.base).getPort()).send("GET", pathAndQuery, null, headers);
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
