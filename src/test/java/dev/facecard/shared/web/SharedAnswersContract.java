package dev.facecard.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.profile.ProfileService;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request header changes an answer that a shared cache may keep
 * ({@code Cache-Control: public}) unless the answer's {@code Vary} names it: every public
 * answer of the public endpoints is compared byte for byte with the same request carrying
 * headers a client controls and proxies commonly trust ({@code Host},
 * {@code X-Forwarded-*}, {@code Forwarded}...). Per-client rate-limit headers, the date
 * and the request id differ per request by design and are not compared.
 */
abstract class SharedAnswersContract extends IntegrationTest {

	private static final Set<String> PER_REQUEST = Set.of("date", "x-request-id", "x-ratelimit-limit",
			"x-ratelimit-remaining", "x-ratelimit-reset", "connection", "keep-alive");

	/**
	 * Headers whose value a client chooses, each sent alone beside the baseline request.
	 */
	static final List<List<String>> CLIENT_HEADERS = List.of(List.of("Host", "evil.example:666"),
			List.of("X-Forwarded-Host", "evil.example:666"), List.of("X-Forwarded-Proto", "https"),
			List.of("X-Forwarded-Port", "666"), List.of("X-Forwarded-Prefix", "/evil"),
			List.of("Forwarded", "host=evil.example;proto=https;for=198.51.100.1"), List.of("X-Host", "evil.example"),
			List.of("X-Original-URL", "/admin/apps"), List.of("X-Rewrite-URL", "/admin/apps"),
			List.of("X-Forwarded-Server", "evil.example"), List.of("Accept", "text/html"),
			List.of("Accept", "image/webp,*/*"), List.of("Accept-Language", "fr"),
			List.of("Origin", "https://evil.example"));

	@LocalServerPort
	private int port;

	@Autowired
	private ProfileService profiles;

	RawHttp raw;

	String userId;

	String appid;

	String hash;

	@BeforeEach
	void userWithAvatar() {
		this.raw = new RawHttp(this.port);
		this.appid = newApp();
		this.userId = newUser(this.appid, "13800138000", null).get("userId").stringValue();
		Response upload = uploadAvatar(this.userId, "image/png", TestImages.encode(TestImages.noise(40, 30, 5), "png"));
		this.hash = upload.json().get("etag").stringValue().replace("\"", "");
	}

	/**
	 * The anonymous card of the user set up here, and the weight its cache entry was
	 * given.
	 */
	@SuppressWarnings("unchecked")
	CachedCard cacheTheCard() {
		Cache<Object, ?> cards = (Cache<Object, ?>) this.profiles.monitoredCaches().get("profile.cards");
		Response card = get("/api/get-public-user-profile?userId=" + this.userId, List.of());
		assertThat(card.status()).isEqualTo(200);
		long weight = cards.policy().eviction().orElseThrow().weightOf(this.userId).orElseThrow();
		return new CachedCard(card.body().length, weight);
	}

	/** A card's JSON bytes, and the weight its cache entry was given. */
	record CachedCard(int jsonBytes, long weight) {
	}

	/**
	 * A cached card weighs its entry (about 200 bytes, ProfileService), its key and its
	 * packed values (CardJson): under half its JSON, avatar URL and member names left
	 * out.
	 */
	void assertWeighsItsEntryAndPackedValues(CachedCard card) {
		long entryAndKey = 200 + (40 + 2 * this.userId.length());
		assertThat(card.weight() - entryAndKey).isPositive().isLessThan(card.jsonBytes() / 2);
	}

	/** The public endpoints' GET URLs that may answer {@code public}. */
	List<String> publicUrls() {
		return List.of("/api/user/get_avatar?appid=" + this.appid + "&user=13800138000",
				"/api/user/get_avatar?appid=" + this.appid + "&user=13800138000&size=16",
				"/api/user/get_avatar?appid=" + this.appid + "&user=nobody&default=identicon",
				"/avatars/" + this.hash + ".jpg", "/avatars/" + this.hash + ".jpg?size=20",
				"/api/get-public-user-profile?userId=" + this.userId);
	}

	/**
	 * GET {@code target} with {@code Host: localhost} unless {@code headers} names
	 * another.
	 */
	Response get(String target, List<String> headers) {
		StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
		if (headers.isEmpty() || !headers.get(0).equalsIgnoreCase("Host")) {
			head.append("Host: localhost:").append(this.port).append("\r\n");
		}
		for (int i = 0; i < headers.size(); i += 2) {
			head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		return this.raw.exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Asserts the contract for every public URL and client header; returns how many
	 * public answers were compared, so that a test can show it compared something.
	 */
	int assertNoClientHeaderChangesASharedAnswer() {
		int compared = 0;
		for (String url : publicUrls()) {
			Response baseline = get(url, List.of());
			assertThat(baseline.status()).as(url).isEqualTo(200);
			for (List<String> header : CLIENT_HEADERS) {
				Response varied = get(url, header);
				if (!isShared(varied)) {
					continue;
				}
				if (variesBy(varied, header.get(0))) {
					// a shared cache keeps one answer per value of that header
					assertThat(variesBy(baseline, header.get(0))).as("%s: Vary", url).isTrue();
					continue;
				}
				assertThat(varied.status()).as("%s with %s", url, header).isEqualTo(baseline.status());
				assertThat(varied.body()).as("%s with %s", url, header).isEqualTo(baseline.body());
				assertThat(comparable(varied)).as("%s with %s", url, header).isEqualTo(comparable(baseline));
				compared++;
			}
		}
		return compared;
	}

	/**
	 * Whether the answer's {@code Vary} names {@code header} (or is {@code *}): each name
	 * of the list compared whole, so that {@code Accept} covers neither
	 * {@code Accept-Language} nor the reverse.
	 */
	static boolean variesBy(Response response, String header) {
		for (String field : response.headerValues("Vary")) {
			for (String name : field.split(",")) {
				String named = name.strip();
				if (named.equals("*") || named.equalsIgnoreCase(header)) {
					return true;
				}
			}
		}
		return false;
	}

	static boolean isShared(Response response) {
		String cacheControl = String.valueOf(response.header("Cache-Control")).toLowerCase(Locale.ROOT);
		return cacheControl.contains("public") || cacheControl.contains("s-maxage");
	}

	private static Map<String, List<String>> comparable(Response response) {
		Map<String, List<String>> headers = new TreeMap<>();
		response.headers().map().forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			if (!PER_REQUEST.contains(key)) {
				headers.put(key, new ArrayList<>(values));
			}
		});
		return headers;
	}

}
