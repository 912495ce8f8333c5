package dev.facecard.avatar;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.buf.UDecoder;
import org.apache.tomcat.util.http.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link PlainQuery} reads what it takes exactly as Tomcat's own parser does. */
class PlainQueryTest {

	private static final List<String> NAMES = List.of("appid", "user", "size", "default", "a", "b", "", "APPID");

	@ParameterizedTest
	@ValueSource(strings = { "appid=demo&user=13800138000", "appid=demo&user=13800138000&size=48&default=identicon",
			"user=1&user=2&user=3", "a&&b=&user", "user=a=b", "&&&", "user==", "user=-._~", "appid=",
			"APPID=x&appid=y" })
	void readsNamedQueriesAsTomcatDoes(String query) {
		assertSameAsTomcat(query);
	}

	@Test
	void readsGeneratedQueriesAsTomcatDoes() {
		// a fixed seed: the same thousands of queries every run
		Random random = new Random(20261207);
		String alphabet = "aAsuz09-._~&&&===";
		int read = 0;
		for (int i = 0; i < 5000; i++) {
			StringBuilder query = new StringBuilder();
			int length = random.nextInt(24);
			for (int c = 0; c < length; c++) {
				query.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			if (PlainQuery.of(get(query.toString())) != null) {
				read++;
				assertSameAsTomcat(query.toString());
			}
		}
		assertThat(read).isGreaterThan(2500);
	}

	@ParameterizedTest
	@ValueSource(strings = { "=x&user=1", "=", "user=1&==", "user=%41", "user=a+b", "user=a%2", "user=\u00e9",
			"user=a b", "user=a;b", "user=a/b",
			"user=1&user=2&user=3&user=4&user=5&user=6&user=7&user=8&user=9&user=10&user=11&user=12&user=13&user=14&user=15&user=16&user=17" })
	void leavesToTomcatAnyQueryWithSomethingToDecodeOrTooManyPieces(String query) {
		assertThat(PlainQuery.of(get(query))).isNull();
	}

	@Test
	void leavesToTomcatAMethodWhoseBodyMayHoldParameters() {
		MockHttpServletRequest post = new MockHttpServletRequest("POST", "/api/user/get_avatar");
		assertThat(PlainQuery.of(post)).isNull();
		post.setQueryString("appid=demo&user=1");
		assertThat(PlainQuery.of(post)).isNull();
	}

	@Test
	void noQueryHasNoParameters() {
		PlainQuery none = PlainQuery.of(new MockHttpServletRequest("GET", "/api/user/get_avatar"));
		assertThat(none).isNotNull();
		assertThat(none.values("appid")).isNull();
	}

	@Test
	void aQueryTomcatRefusesIsLeftToIt() {
		// Tomcat's refusal is get_avatar's 400 (AvatarQuery)
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> tomcat("=x&user=1"));
		assertThat(PlainQuery.of(get("=x&user=1"))).isNull();
	}

	private static void assertSameAsTomcat(String query) {
		PlainQuery plain = PlainQuery.of(get(query));
		assertThat(plain).as(query).isNotNull();
		Parameters tomcat = tomcat(query);
		for (String name : NAMES) {
			assertThat(plain.values(name)).as("%s in %s", name, query).isEqualTo(tomcat.getParameterValues(name));
		}
	}

	private static MockHttpServletRequest get(String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/user/get_avatar");
		request.setQueryString(query);
		return request;
	}

	private static Parameters tomcat(String query) {
		Parameters parameters = new Parameters();
		MessageBytes bytes = MessageBytes.newInstance();
		byte[] raw = query.getBytes(StandardCharsets.ISO_8859_1);
		bytes.setBytes(raw, 0, raw.length);
		parameters.setQuery(bytes);
		parameters.setCharset(StandardCharsets.UTF_8);
		parameters.setQueryStringCharset(StandardCharsets.UTF_8);
		parameters.setURLDecoder(new UDecoder());
		parameters.handleQueryParameters();
		return parameters;
	}

}
