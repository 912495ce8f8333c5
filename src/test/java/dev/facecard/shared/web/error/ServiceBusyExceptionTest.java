package dev.facecard.shared.web.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceBusyExceptionTest {

	@Test
	void isA503WithRetryAfterAndItsDetailAndFillsNoStackTrace() {
		ServiceBusyException busy = new ServiceBusyException("Too much at once.") {
		};

		assertThat(busy.getStatusCode().value()).isEqualTo(503);
		assertThat(busy.getBody().getDetail()).isEqualTo("Too much at once.");
		assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		// thrown by the thousand while load is shed
		assertThat(busy.getStackTrace()).isEmpty();
	}

}
