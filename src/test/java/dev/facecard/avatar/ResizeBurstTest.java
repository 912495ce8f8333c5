package dev.facecard.avatar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.facecard.FacecardApplication;
import dev.facecard.support.TestHttp;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bounded image work (README, Hostile input), under the attack that showed it was needed:
 * 240 distinct sizes of one 1024×1024 avatar, 80 at a time, against the service in its
 * own process with a 256 MB heap that exits on an out-of-memory error, as the Docker
 * image runs it (default image-work settings; only the per-client resize budget raised,
 * since the test is one client). Every answer is a resized JPEG or the avatar 503, the
 * process survives, a quarter at least are served, and a cached avatar keeps answering
 * within a second throughout. On the JVM running the tests and on a Temurin 25 when one
 * is installed.
 */
class ResizeBurstTest {

	private static final String ADMIN_TOKEN = "burst-admin-token-0123456789";

	private static final int SIZES = 240;

	private static final int IN_FLIGHT = 80;

	/**
	 * 784…1023: sizes the 1024-pixel avatar does not fit, so each needs the full raster
	 * and a Lanczos pass.
	 */
	private static final int FIRST_SIZE = 1024 - SIZES;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * The cached avatar's own client (connection and selector thread), as another visitor
	 * would have.
	 */
	private final HttpClient visitor = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Process process;

	@AfterEach
	void kill() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "test JVM", "Temurin 25" })
	void distinctSizesOfOneLargeAvatarAreBoundedWorkNotAnOutOfMemoryError(String runtime, @TempDir Path logs)
			throws Exception {
		Optional<String> java = java(runtime);
		assumeTrue(java.isPresent(), "no Temurin 25 under /usr/lib/jvm");
		int port = freePort();
		Path log = logs.resolve("facecard.log");
		List<String> command = new ArrayList<>(List.of(java.get(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp",
				System.getProperty("java.class.path"), FacecardApplication.class.getName(), "--server.port=" + port,
				"--facecard.admin-token=" + ADMIN_TOKEN, "--facecard.rate-limit.resizes.limit=1000000"));
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		String base = "http://127.0.0.1:" + port;
		await().atMost(Duration.ofSeconds(120)).until(() -> {
			assertThat(this.process.isAlive()).as("the service process is running").isTrue();
			return status(base + "/actuator/health/readiness") == 200;
		});
		if (runtime.equals("Temurin 25")) {
			assertThat(Files.readString(log)).contains("using Java 25");
		}

		byte[] upload = TestImages.encode(TestImages.photoLike(1024, 1024, 1011), "jpeg");
		HttpResponse<String> stored = this.client
			.send(HttpRequest.newBuilder(URI.create(base + "/admin/users/user_001/avatar"))
				.PUT(BodyPublishers.ofByteArray(upload))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.header("Content-Type", "image/jpeg")
				.timeout(Duration.ofSeconds(60))
				.build(), BodyHandlers.ofString());
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		JsonNode avatar = TestHttp.parse(stored.body());
		assertThat(avatar.get("width").intValue()).isEqualTo(1024);
		assertThat(avatar.get("height").intValue()).isEqualTo(1024);
		String hash = avatar.get("etag").stringValue().replace("\"", "");
		String cached = base + "/avatars/" + hash + ".jpg?size=64";
		assertThat(answer(this.visitor, cached).status()).isEqualTo(200);

		ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
		List<Future<Answer>> answers = new ArrayList<>();
		List<Answer> probes = new ArrayList<>();
		List<Long> probeMillis = new ArrayList<>();
		long started = System.nanoTime();
		try {
			for (int i = 0; i < SIZES; i++) {
				String url = base + "/avatars/" + hash + ".jpg?size=" + (FIRST_SIZE + i);
				answers.add(clients.submit(() -> answer(this.client, url)));
			}
			while (!answers.stream().allMatch(Future::isDone)) {
				long sent = System.nanoTime();
				Answer probe = answer(this.visitor, cached);
				probeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
				probes.add(probe);
				if (probe.status() < 0) {
					break; // the service is gone: the assertions below say why
				}
				Thread.sleep(50); // pacing only: a request every 50 ms or so
			}
			clients.shutdown();
			assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).as("the burst ended").isTrue();
		}
		finally {
			clients.shutdownNow();
		}
		long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		List<String> outOfMemory = Files.readAllLines(log)
			.stream()
			.filter(line -> line.contains("OutOfMemoryError"))
			.toList();
		assertThat(outOfMemory).as("out-of-memory errors in the service's output").isEmpty();
		assertThat(this.process.isAlive()).as("the service survived").isTrue();
		int served = 0;
		for (int i = 0; i < SIZES; i++) {
			Answer answer = answers.get(i).get();
			int size = FIRST_SIZE + i;
			assertThat(answer.status()).as("size %d: %s", size, answer).isIn(200, 503);
			if (answer.status() == 200) {
				BufferedImage image = TestImages.decode(answer.body());
				assertThat(image).as("size %d is a JPEG", size).isNotNull();
				assertThat(image.getWidth()).isEqualTo(size);
				assertThat(image.getHeight()).isEqualTo(size);
				served++;
			}
			else {
				JsonNode error = TestHttp.parse(new String(answer.body(), StandardCharsets.UTF_8));
				assertThat(error.propertyNames()).containsExactly("code", "msg");
				assertThat(error.get("code").intValue()).isEqualTo(503);
				assertThat(error.get("msg").stringValue()).isEqualTo("服务暂不可用");
				assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			}
		}
		long maxProbe = probeMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
		System.out.printf(
				"[%s] %d of %d sizes served, %d refused with 503, in %d ms; cached avatar: %d requests, "
						+ "slowest %d ms%n",
				runtime, served, SIZES, SIZES - served, burstMillis, probeMillis.size(), maxProbe);
		assertThat(served).as("served of %d", SIZES).isGreaterThanOrEqualTo(SIZES / 4);
		assertThat(probes).as("the cached avatar, asked throughout the burst")
			.hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy(probe -> assertThat(probe.status()).as(probe.toString()).isEqualTo(200));
		// a cached answer never queues for an image-work slot (up to 5 s) nor behind the
		// burst (many seconds): the bound says that, with room for a loaded machine
		assertThat(maxProbe).as("slowest cached answer (ms)").isLessThan(4000);
		// the slots are free again
		assertThat(answer(this.client, base + "/avatars/" + hash + ".jpg?size=500").status()).isEqualTo(200);

		this.process.destroy();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
	}

	/**
	 * The java launcher of {@code runtime}: this JVM's, or a Temurin 25 under
	 * /usr/lib/jvm.
	 */
	private static Optional<String> java(String runtime) throws IOException {
		if (runtime.equals("test JVM")) {
			return Optional.of(ProcessHandle.current().info().command().orElse("java"));
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (Stream<Path> installed = Files.list(jvms)) {
			return installed.filter(jdk -> jdk.getFileName().toString().startsWith("temurin-25"))
				.map(jdk -> jdk.resolve("bin/java"))
				.filter(Files::isExecutable)
				.sorted()
				.map(Path::toString)
				.findFirst();
		}
	}

	/**
	 * A GET's answer; status -1 (and the error as body) when none came, e.g. from a
	 * process that died.
	 */
	private static Answer answer(HttpClient client, String url) throws InterruptedException {
		try {
			HttpResponse<byte[]> response = client.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
					BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			return new Answer(-1, HttpHeaders.of(Map.of(), (name, value) -> true),
					ex.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	private record Answer(int status, HttpHeaders headers, byte[] body) {

		@Override
		public String toString() {
			return this.status + " " + this.headers.map() + " "
					+ ((this.body.length < 500) ? new String(this.body, StandardCharsets.UTF_8) : "");
		}

	}

	private int status(String url) throws InterruptedException {
		try {
			return this.client
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						BodyHandlers.discarding())
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
