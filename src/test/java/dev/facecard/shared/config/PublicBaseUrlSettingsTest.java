package dev.facecard.shared.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code facecard.public-base-url}, bound as at start-up: a base that avatar paths can
 * follow is taken as given; anything else fails start-up with the property's name,
 * instead of every card carrying a broken {@code avatarUrl}.
 */
class PublicBaseUrlSettingsTest {

	@Test
	void aWebAddressWithAHostIsTaken() {
		for (String url : List.of("https://avatars.example.com", "http://127.0.0.1:8080",
				"https://cdn.example.com/facecard/", "HTTPS://CDN.EXAMPLE.COM", "http://[::1]:8080", "http://例え.jp",
				"https://例え.jp:8443/avatars", "http://facecard_app:8080")) {
			assertThat(bind(url).publicBaseUrl()).as(url).isEqualTo(URI.create(url));
		}
	}

	@Test
	void unsetIsFromTheRequest() {
		assertThat(new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("facecard", FacecardProperties.class)
			.publicBaseUrl()).isNull();
	}

	@Test
	void anythingElseFailsStartUp() {
		// a relative path, no scheme, another scheme, a port that is not a number (the
		// property given twice on a command line, joined), a host that is not a name,
		// none,
		// a query, a fragment, user info
		for (String url : List.of("/avatars", "avatars.example.com", "ftp://avatars.example.com",
				"mailto:ops@example.com", "http://127.0.0.1:18083,", "http://例え.jp:80,", "http://例え,jp", "http://:8080",
				"https://avatars.example.com/?v=1", "https://avatars.example.com/#top",
				"https://user:secret@avatars.example.com")) {
			assertThatExceptionOfType(BindException.class).as(url)
				.isThrownBy(() -> bind(url))
				.havingRootCause()
				.withMessageContaining("facecard.public-base-url");
		}
	}

	private static FacecardProperties bind(String url) {
		return new Binder(new MapConfigurationPropertySource(Map.of("facecard.public-base-url", url)))
			.bindOrCreate("facecard", FacecardProperties.class);
	}

}
