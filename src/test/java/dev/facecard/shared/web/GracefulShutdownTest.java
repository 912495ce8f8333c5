package dev.facecard.shared.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.facecard.FacecardApplication;
import dev.facecard.support.TestHttp;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as ops run it: its own process (the embedded database and demo data, JSON
 * logs), stopped with SIGTERM while a slow request is in flight. Readiness goes down at
 * once, the request still completes with 200, and the process exits cleanly.
 */
class GracefulShutdownTest {

	private static final String ADMIN_TOKEN = "shutdown-admin-token-0123456789";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Process process;

	@AfterEach
	void kill() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void sigtermLetsTheInFlightRequestFinishAndExitsCleanly(@TempDir Path logs) throws Exception {
		int port = freePort();
		Path log = logs.resolve("facecard.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		this.process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				FacecardApplication.class.getName(), "--server.port=" + port, "--facecard.admin-token=" + ADMIN_TOKEN,
				"--logging.structured.format.console=ecs",
				// as behind a proxy on this host, whose X-Request-Id is kept
				"--server.forward-headers-strategy=native")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		awaitReadiness(port, 200, Duration.ofSeconds(90));

		byte[] image = TestImages.encode(TestImages.noise(600, 600, 7), "png");
		int firstPart = image.length / 2;
		try (Socket upload = new Socket("127.0.0.1", port)) {
			upload.setSoTimeout(30_000);
			OutputStream out = upload.getOutputStream();
			out.write(("PUT /admin/users/user_001/avatar HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ ADMIN_TOKEN + "\r\nContent-Type: image/png\r\nContent-Length: " + image.length
					+ "\r\nX-Request-Id: slow-upload-1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(image, 0, firstPart);
			out.flush();
			// the request is in the controller, waiting for the rest of its body
			Thread.sleep(500);

			this.process.destroy(); // SIGTERM
			awaitReadiness(port, 503, Duration.ofSeconds(5));

			// longer than the slow client's pause would be in a hurry to stop
			Thread.sleep(1000);
			out.write(image, firstPart, image.length - firstPart);
			out.flush();
			String answer = new String(upload.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(answer).startsWith("HTTP/1.1 200 ");
		}

		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
		// 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran to
		// completion
		assertThat(this.process.exitValue()).isEqualTo(143);
		List<JsonNode> lines = Files.readAllLines(log)
			.stream()
			.filter(line -> line.startsWith("{"))
			.map(TestHttp::parse)
			.toList();
		assertThat(lines).as("JSON log lines").isNotEmpty();
		assertThat(lines).noneMatch(line -> "ERROR".equals(line.path("log.level").asString()));
		assertThat(lines).anyMatch(line -> line.path("message").asString().contains("Graceful shutdown complete"));
		assertThat(lines).as(Files.readString(log))
			.anyMatch(line -> "slow-upload-1".equals(line.path("requestId").asString())
					&& line.path("message").asString().startsWith("PUT /admin/users/{userId}/avatar 200 "));
	}

	/**
	 * Down means refusing connections or answering 503: either way a load balancer stops
	 * sending.
	 */
	private void awaitReadiness(int port, int status, Duration timeout) {
		await().atMost(timeout).until(() -> {
			assertThat(this.process.isAlive() || status == 503).as("the service process is running").isTrue();
			return readiness(port) == status;
		});
	}

	private int readiness(int port) throws InterruptedException {
		try {
			return this.client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), BodyHandlers.discarding())
				.statusCode();
		}
		catch (ConnectException ex) {
			return 503;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
