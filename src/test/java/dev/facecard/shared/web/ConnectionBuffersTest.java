package dev.facecard.shared.web;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running connector writes answers in pieces of
 * {@code facecard.connections.write-buffer} (48 KB here, not the default, so that the
 * setting is seen to reach Tomcat), an answer over twice that size still arrives whole,
 * and {@code facecard_connections_open} counts the open connections, idle ones too.
 * {@link ConnectionSettingsTest} checks the default and the bounds. Without
 * {@code server.tomcat.max-connections}, the connector takes as many connections as the
 * heap holds ({@link ConnectionBudget}): here the cards' bound leaves room for 1,000.
 */
@TestPropertySource(properties = "facecard.connections.write-buffer=48KB")
class ConnectionBuffersTest extends IntegrationTest {

	private static final Duration SETTLE = Duration.ofSeconds(5);

	@Autowired
	private WebServerApplicationContext context;

	@LocalServerPort
	private int port;

	/** Read buffer, the 48 KB write buffer, a request under way. */
	private static final long PER_CONNECTION = (8 + 48 + 32) * 1024;

	@DynamicPropertySource
	static void cardsBoundedToLeaveRoomForAThousandConnections(DynamicPropertyRegistry registry) {
		long heap = Runtime.getRuntime().maxMemory();
		long otherCaches = (32 + 16 + 16) * 1024 * 1024;
		long cards = heap - heap / 4 - ConnectionBudget.BASE_BYTES - otherCaches - 1000 * PER_CONNECTION;
		registry.add("facecard.cache.profile-card-bytes", () -> cards + "B");
	}

	@Test
	void theConnectorTakesAsManyConnectionsAsTheHeapHolds() {
		assertThat(protocol().getMaxConnections()).isEqualTo(1000);
		assertThat(metric("facecard_connections_max")).isEqualTo(1000);
	}

	@Test
	void theConnectorWritesAnswersInPiecesOfTheConfiguredSize() {
		assertThat(protocol().writeBuffer()).isEqualTo(48 * 1024);
	}

	@Test
	void anAvatarOverTwiceTheBufferArrivesWhole() throws Exception {
		String appid = newApp();
		String userId = newUser(appid, unique("u"), "").get("userId").stringValue();
		byte[] photo = TestImages.encode(TestImages.photoLike(1024, 1024, 7), "png");
		Response uploaded = uploadAvatar(userId, "image/png", photo);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
		String hash = uploaded.json().get("etag").stringValue().replace("\"", "");

		Response avatar = this.http.get("/avatars/" + hash + ".jpg");

		assertThat(avatar.status()).isEqualTo(200);
		assertThat(avatar.body().length).isGreaterThan(2 * 48 * 1024);
		assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(avatar.body())))
			.isEqualTo(hash);
	}

	@Test
	void openConnectionsAreCountedIdleOrNot() throws Exception {
		List<Socket> held = new ArrayList<>();
		double open;
		try {
			for (int i = 0; i < 5; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
				held.add(socket);
				OutputStream out = socket.getOutputStream();
				out.write("GET /actuator/health/liveness HTTP/1.1\r\nHost: test\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(RawHttp.readResponse(socket.getInputStream()).status()).isEqualTo(200);
			}
			// answered and idle, kept alive
			open = metric("facecard_connections_open");
			assertThat(open).isGreaterThanOrEqualTo(5);
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
		// the scrapes share one connection of the test's client; others only close
		double after = metric("facecard_connections_open");
		long deadline = System.nanoTime() + SETTLE.toNanos();
		while (after > open - 5 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			after = metric("facecard_connections_open");
		}
		assertThat(after).isLessThanOrEqualTo(open - 5);
	}

	private SlowClientProtocol protocol() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		return (SlowClientProtocol) server.getTomcat().getConnector().getProtocolHandler();
	}

}
