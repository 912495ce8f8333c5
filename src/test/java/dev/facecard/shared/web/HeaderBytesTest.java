package dev.facecard.shared.web;

import java.util.Collections;

import org.apache.coyote.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HeaderBytesTest {

	private static final HeaderBytes.Name VARY = HeaderBytes.Name.of("Vary");

	private static final HeaderBytes.Name ETAG = HeaderBytes.Name.of("ETag");

	private final Response tomcat = new Response();

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final MockHttpServletResponse servlet = new MockHttpServletResponse();

	HeaderBytesTest() {
		this.request.setAttribute(HeaderBytes.ATTRIBUTE, this.tomcat);
	}

	@Test
	void headersGoToTomcatAsBytesNotThroughTheServletResponse() {
		HeaderBytes.set(this.request, this.servlet, ETAG, "\"abc\"");
		HeaderBytes.add(this.request, this.servlet, VARY, "Origin");
		HeaderBytes.add(this.request, this.servlet, VARY, "Accept");

		assertThat(this.servlet.getHeaderNames()).isEmpty();
		assertThat(this.tomcat.getMimeHeaders().size()).isEqualTo(3);
		for (int i = 0; i < 3; i++) {
			assertThat(this.tomcat.getMimeHeaders().getName(i).getType()).isEqualTo(MessageBytes.T_BYTES);
			assertThat(this.tomcat.getMimeHeaders().getValue(i).getType()).isEqualTo(MessageBytes.T_BYTES);
		}
		assertThat(this.tomcat.getMimeHeaders().getHeader("etag")).isEqualTo("\"abc\"");
		assertThat(Collections.list(this.tomcat.getMimeHeaders().values("Vary"))).containsExactly("Origin", "Accept");
	}

	@Test
	void setReplacesEveryValueTheHeaderHad() {
		this.tomcat.addHeader("ETag", "\"one\"");
		this.tomcat.addHeader("X-Other", "kept");
		this.tomcat.addHeader("etag", "\"two\"");

		HeaderBytes.set(this.request, this.servlet, ETAG, "\"three\"");

		assertThat(Collections.list(this.tomcat.getMimeHeaders().values("ETag"))).containsExactly("\"three\"");
		assertThat(this.tomcat.getMimeHeaders().getHeader("X-Other")).isEqualTo("kept");
	}

	@Test
	void aCommittedAnswerTakesNoMoreHeadersAsTomcatsOwnSetHeader() {
		this.tomcat.setCommitted(true);

		HeaderBytes.set(this.request, this.servlet, ETAG, "\"late\"");
		HeaderBytes.add(this.request, this.servlet, VARY, "Accept");

		assertThat(this.tomcat.getMimeHeaders().size()).isZero();
	}

	@Test
	void withoutTomcatsResponseOnTheRequestHeadersAreSetTheServletWay() {
		MockHttpServletRequest plain = new MockHttpServletRequest();

		HeaderBytes.set(plain, this.servlet, ETAG, "\"one\"");
		HeaderBytes.set(plain, this.servlet, ETAG, "\"two\"");
		HeaderBytes.add(plain, this.servlet, VARY, "Origin");
		HeaderBytes.add(plain, this.servlet, VARY, "Accept");

		assertThat(this.servlet.getHeaders("ETag")).containsExactly("\"two\"");
		assertThat(this.servlet.getHeaders("Vary")).containsExactly("Origin", "Accept");
	}

	@Test
	void contentTypeAndLengthAreLeftToTheResponsesOwnMethods() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeaderBytes.Name.of("Content-Type"));
		assertThatIllegalArgumentException().isThrownBy(() -> HeaderBytes.Name.of("content-length"));
	}

}
