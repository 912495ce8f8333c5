package dev.facecard.shared.web;

import java.security.MessageDigest;
import java.util.HexFormat;

import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The running connector writes answers in pieces of
 * {@code facecard.connections.write-buffer} (32 KB, one write for a typical avatar where
 * Tomcat's 8 KB took three), and an answer several times that size still arrives whole.
 */
class ConnectionBuffersTest extends IntegrationTest {

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void theConnectorWritesAnswersInPiecesOfTheConfiguredSize() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		SlowClientProtocol protocol = (SlowClientProtocol) server.getTomcat().getConnector().getProtocolHandler();

		assertThat(protocol.writeBuffer()).isEqualTo(32 * 1024);
	}

	@Test
	void anAvatarSeveralTimesTheBufferArrivesWhole() throws Exception {
		String appid = newApp();
		String userId = newUser(appid, unique("u"), "").get("userId").stringValue();
		byte[] photo = TestImages.encode(TestImages.photoLike(1024, 1024, 7), "png");
		Response uploaded = uploadAvatar(userId, "image/png", photo);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
		String hash = uploaded.json().get("etag").stringValue().replace("\"", "");

		Response avatar = this.http.get("/avatars/" + hash + ".jpg");

		assertThat(avatar.status()).isEqualTo(200);
		assertThat(avatar.body().length).isGreaterThan(3 * 32 * 1024);
		assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(avatar.body())))
			.isEqualTo(hash);
	}

	@Test
	void aWriteBufferOutsideItsRangeFailsStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FacecardProperties.Connections(DataSize.ofKilobytes(4)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FacecardProperties.Connections(DataSize.ofMegabytes(2)));
	}

}
