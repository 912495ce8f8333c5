package dev.facecard.shared.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The path read from Tomcat's refusal of a request line it could not read. */
class JsonErrorReportValveTest {

	@Test
	void theRefusedTargetsPathIsReadFromTheRefusalsQuote() {
		assertThat(JsonErrorReportValve.refusedTarget(new IllegalArgumentException(
				"Invalid character found in the request target [/api/user/get_avatar?appid=demo&user=0xe50xbc0xa0 ]. "
						+ "The valid characters are defined in RFC 7230 and RFC 3986")))
			.isEqualTo("/api/user/get_avatar");
		assertThat(JsonErrorReportValve
			.refusedTarget(new IllegalArgumentException("Invalid character found in the request target [/avatars/x]")))
			.isEqualTo("/avatars/x");
		assertThat(JsonErrorReportValve.refusedTarget(new IllegalArgumentException("Request header too large")))
			.isEmpty();
		assertThat(JsonErrorReportValve.refusedTarget(new IllegalArgumentException((String) null))).isEmpty();
		assertThat(JsonErrorReportValve.refusedTarget(null)).isEmpty();
	}

}
