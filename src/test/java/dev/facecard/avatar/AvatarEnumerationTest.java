package dev.facecard.avatar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.facecard.shared.data.Sha256;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.StatementCounter;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No enumeration (README, Rate limits): get_avatar does not tell an unknown username from
 * a user without an avatar or a banned user who has one. The same status, body and
 * headers, with every combination of {@code size} and {@code default}, GET and HEAD; and
 * the same work: one statement of the same SQL when the lookup cache is cold, none when
 * it is warm.
 */
class AvatarEnumerationTest extends IntegrationTest {

	/**
	 * Headers whose values change from one request to the next whoever is asked: the
	 * clock and counters.
	 */
	private static final Set<String> PER_REQUEST = Set.of("date", "x-request-id", "x-ratelimit-remaining",
			"x-ratelimit-reset");

	/**
	 * Every answer to a miss: the nobase contract's 404, and each default image, each at
	 * its own and another size.
	 */
	private static final List<String> QUERIES = List.of("", "&size=48", "&default=404", "&default=404&size=1024",
			"&default=mp", "&default=mp&size=64", "&default=identicon", "&default=identicon&size=100");

	/** What a client can observe of one request, and the SQL it cost. */
	record Seen(String request, int status, Map<String, String> headers, String body, List<String> statements) {
	}

	@Test
	void unknownAvatarlessAndBannedUsersGetTheSameAnswerForTheSameWork() {
		String appid = newApp();
		String unknown = "13900000001";
		String avatarless = "13900000002";
		newUser(appid, avatarless, null);
		String banned = "13900000003";
		banWithAvatar(appid, banned);
		// an identicon is drawn from the username, so it differs between users by design
		// (and not by state): different usernames are compared without it, one username
		// in each state with it (below)
		List<String> queries = QUERIES.stream().filter(query -> !query.contains("identicon")).toList();

		List<Seen> unknownSeen = look(appid, unknown, queries);
		List<Seen> avatarlessSeen = look(appid, avatarless, queries);
		List<Seen> bannedSeen = look(appid, banned, queries);
		List<Seen> unknownAppSeen = look("no_such_app", unknown, queries);

		assertThat(unknownSeen.get(0).status()).isEqualTo(404);
		assertThat(unknownSeen.get(0).statements()).as("cold: one lookup").hasSize(1);
		assertThat(unknownSeen.subList(1, unknownSeen.size())).as("warm: none")
			.allSatisfy(seen -> assertThat(seen.statements()).isEmpty());
		assertThat(avatarlessSeen).isEqualTo(unknownSeen);
		assertThat(bannedSeen).isEqualTo(unknownSeen);
		assertThat(unknownAppSeen).isEqualTo(unknownSeen);
	}

	@Test
	void oneUsernameLooksTheSameUnknownAvatarlessAndBanned() {
		String appid = newApp();
		String username = "13800000001";

		List<Seen> unknown = look(appid, username, QUERIES);
		String userId = newUser(appid, username, null).get("userId").stringValue();
		List<Seen> avatarless = look(appid, username, QUERIES);
		assertThat(uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(40, 40, 7), "png")).status())
			.isEqualTo(200);
		assertThat(this.http.get(AvatarEndpointTest.avatarUrl(appid, username)).status()).isEqualTo(200);
		assertThat(admin("PATCH", "/admin/users/" + userId, "{\"banned\":true}").status()).isEqualTo(200);
		List<Seen> banned = look(appid, username, QUERIES);

		assertThat(unknown).extracting(Seen::status).containsOnly(404, 200);
		assertThat(unknown.get(0).statements()).hasSize(1);
		assertThat(avatarless).isEqualTo(unknown);
		assertThat(banned).isEqualTo(unknown);
	}

	/**
	 * Each query by GET then HEAD, in order: the first request finds the lookup cache
	 * cold.
	 */
	private List<Seen> look(String appid, String username, List<String> queries) {
		List<Seen> seen = new ArrayList<>();
		for (String query : queries) {
			for (String method : new String[] { "GET", "HEAD" }) {
				String path = AvatarEndpointTest.avatarUrl(appid, username) + query;
				Response[] response = new Response[1];
				List<String> statements = StatementCounter
					.statements(() -> response[0] = this.http.send(method, path, null));
				seen.add(seen(method + " " + query, response[0], statements));
			}
		}
		return seen;
	}

	private static Seen seen(String request, Response response, List<String> statements) {
		Map<String, String> headers = new TreeMap<>();
		response.headers().map().forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			headers.put(key, PER_REQUEST.contains(key) ? "(per request)" : String.join(", ", values));
		});
		String type = response.header("Content-Type");
		String body = (type != null && type.startsWith("application/json")) ? response.text()
				: response.body().length + " bytes, SHA-256 " + Sha256.hex(response.body());
		return new Seen(request, response.status(), headers, body, statements);
	}

	private void banWithAvatar(String appid, String username) {
		String userId = newUser(appid, username, null).get("userId").stringValue();
		assertThat(uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(40, 40, 3), "png")).status())
			.isEqualTo(200);
		// shown (and cached) before the ban: the ban has to take it away, not just never
		// show it
		assertThat(this.http.get(AvatarEndpointTest.avatarUrl(appid, username)).status()).isEqualTo(200);
		assertThat(admin("PATCH", "/admin/users/" + userId, "{\"banned\":true}").status()).isEqualTo(200);
	}

}
