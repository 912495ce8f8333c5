package dev.facecard.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every answer to a hostile request must be, and the shapes of Facecard's two error
 * formats.
 */
final class Answers {

	/**
	 * Words that only the inside of the service would put in an answer: exception and
	 * frame text, SQL, the names of the server, libraries and packages. A marker the
	 * request itself carried may come back (a detail may quote an unknown field's name),
	 * so those are not held against the answer.
	 */
	private static final List<String> LEAK_MARKERS = List.of("Exception", "exception", "\tat ", "at java.", "at org.",
			"at dev.", "Caused by", "SQL", "sql", "select ", "SELECT ", "insert into", "INSERT INTO", "PSQL",
			"postgres", "Postgres", "hibernate", "Hibernate", "jackson", "Jackson", "tomcat", "Tomcat", "Apache",
			"apache", "Coyote", "springframework", "Spring", "java.", "jakarta.", "javax.", "caffeine", "bucket4j",
			"Hikari", "Whitelabel", "dev.facecard", "StackOverflow", "OutOfMemory", "NullPointer");

	private static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "instance");

	private Answers() {
	}

	/**
	 * No 5xx, nothing of the inside in body or headers, and a body in a format the
	 * service answers in. The only 5xx allowed are those HTTP itself prescribes and
	 * Tomcat sends before any application code, for requests that ask for what HTTP/1.1
	 * servers need not offer: 505 for a version other than 1.0 and 1.1, 501 for CONNECT
	 * and for a transfer coding other than chunked.
	 */
	static void assertSafe(HostileRequest request, Response response) {
		String sent = new String(request.bytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
		String requestLine = sent.split("[\r\n]", 2)[0];
		boolean otherVersion = response.status() == 505 && !requestLine.matches("\\S* \\S* http/1\\.[01]");
		boolean unimplemented = response.status() == 501
				&& (requestLine.startsWith("connect ") || sent.contains("\ntransfer-encoding:"));
		assertThat(response.status() < 500 || otherVersion || unimplemented).as("status of %s", response).isTrue();
		String answer = new String(response.body(), StandardCharsets.UTF_8);
		StringBuilder headerText = new StringBuilder();
		for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
			headerText.append(header.getKey()).append(": ").append(String.join(", ", header.getValue())).append('\n');
		}
		for (String marker : LEAK_MARKERS) {
			if (!sent.contains(marker.toLowerCase(Locale.ROOT))) {
				assertThat(answer).as("body of %s", response).doesNotContain(marker);
				assertThat(headerText.toString()).as("headers of %s", response).doesNotContain(marker);
			}
		}
		String contentType = response.header("Content-Type");
		if (response.body().length > 0 && response.status() != RawHttp.HTTP_09) {
			assertThat(contentType).as("Content-Type of %s", response).isNotNull();
		}
		if (contentType != null
				&& (contentType.startsWith("application/json") || contentType.startsWith("application/problem+json"))
				&& response.body().length > 0) {
			response.json(); // parses
		}
	}

	/**
	 * The avatar endpoints' answer: an image (JPEG or WebP), a 304, or the nobase
	 * contract's {@code {"code","msg"}} (a path that is not quite the endpoint's may also
	 * be the JSON APIs' 404 problem).
	 */
	static void assertAvatarAnswer(HostileRequest request, Response response) {
		assertSafe(request, response);
		String contentType = response.header("Content-Type");
		String path = (request.target() != null) ? request.target().replaceFirst("\\?.*", "") : "";
		boolean endpoint = path.equals("/api/user/get_avatar") || path.matches("/avatars/[0-9a-f]{64}\\.(jpg|webp)");
		if (response.status() == 200) {
			// WebP where the request's Accept names it (get_avatar) or the path does
			assertThat(contentType).as(response.toString()).isIn("image/jpeg", "image/webp");
			assertThat(response.header("Content-Length")).as(response.toString()).isNotNull();
		}
		else if (!endpoint) {
			if (appAnswered(response) && response.body().length > 0
					&& !"application/problem+json".equals(contentType)) {
				assertThat(response.json().propertyNames()).as(response.toString()).containsExactly("code", "msg");
			}
		}
		else if (appAnswered(response) && response.body().length > 0
				&& !(unreadableRequestTarget(request) && refusedBeforeTheService(response))) {
			assertThat(contentType).as(response.toString()).startsWith("application/json");
			JsonNode error = response.json();
			assertThat(error.propertyNames()).as(response.toString()).containsExactly("code", "msg");
		}
	}

	/** The JSON APIs' answer: JSON on success, problem+json on failure. */
	static void assertProblemAnswer(HostileRequest request, Response response) {
		assertSafe(request, response);
		if (response.status() >= 400 && appAnswered(response) && response.body().length > 0) {
			assertThat(response.header("Content-Type")).as(response.toString()).isEqualTo("application/problem+json");
			JsonNode problem = response.json();
			assertThat(PROBLEM_FIELDS).as(response.toString()).containsAll(problem.propertyNames());
			assertThat(problem.get("status").intValue()).as(response.toString()).isEqualTo(response.status());
		}
	}

	/**
	 * Whether Tomcat refused the request before any of Facecard's filters saw it (too
	 * many cookies, say), and the error page answered with no more than the status.
	 */
	static boolean refusedBeforeTheService(Response response) {
		return response.status() == 400 && "application/problem+json".equals(response.header("Content-Type"))
				&& (response.body().length == 0
						/* HEAD */ || "Bad Request.".equals(response.json().path("detail").asString()));
	}

	/**
	 * Whether Tomcat cannot read the request line at all: its target holds a byte no
	 * request line may carry (a control character, a space, a byte outside ASCII), or the
	 * line alone is about as long as the 8 KiB that request line and headers may take
	 * together. The answer cannot know the path then, and is problem+json.
	 */
	static boolean unreadableRequestTarget(HostileRequest request) {
		return request.target() != null && (request.target().length() > 8000
				|| request.target().chars().anyMatch(c -> c < 0x21 || c > 0x7E || c == '#'));
	}

	/**
	 * Whether the service answered, rather than Tomcat refusing the request line or
	 * header section before the service sees it (with its own minimal HTML page).
	 */
	static boolean appAnswered(Response response) {
		String contentType = response.header("Content-Type");
		return contentType != null && (contentType.startsWith("application/") || contentType.startsWith("image/"));
	}

}
