package dev.facecard.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients (README, Hostile input): connections that trickle a head or a body, one
 * byte at a time, are closed by the server within their deadline plus a few seconds,
 * without delaying anyone else; those that can still be answered get their JSON answer
 * first. The deadlines are shortened here (head 2 s, body 4 s, keep-alive 10 s); every
 * trickle is far too slow to finish before its deadline. Tomcat's per-read timeout (6 s)
 * is far above the trickle's 0.5 s between bytes: this JVM runs the clients too, and a
 * pause of a few seconds on a loaded machine (its collector, or no core for the driving
 * thread) must not look like a silent client to Tomcat. Clients are raw sockets, driven
 * by one thread.
 */
@TestPropertySource(properties = { "facecard.deadlines.head=2s", "facecard.deadlines.body=4s",
		"server.tomcat.connection-timeout=6s", "server.tomcat.keep-alive-timeout=10s" })
class SlowClientsTest extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(SlowClientsTest.class);

	private static final Duration HEAD = Duration.ofSeconds(2);

	private static final Duration BODY = Duration.ofSeconds(4);

	/**
	 * Between requests: the larger of Tomcat's per-read and keep-alive timeouts, plus the
	 * head deadline.
	 */
	private static final Duration IDLE = Duration.ofSeconds(10).plus(HEAD);

	/** A deadline is checked once a second; the rest is for a busy machine. */
	private static final Duration SLACK = Duration.ofSeconds(3);

	private static final Duration TRICKLE = Duration.ofMillis(500);

	@LocalServerPort
	private int port;

	private String appid;

	private String username;

	private String userId;

	@BeforeEach
	void userWithAvatar() {
		this.appid = newApp();
		this.username = unique("slow");
		this.userId = newUser(this.appid, this.username, "").get("userId").asString();
		assertThat(
				uploadAvatar(this.userId, "image/png", TestImages.encode(TestImages.noise(64, 64, 11), "png")).status())
			.isEqualTo(200);
	}

	/**
	 * The bulk import streams for as long as its body lasts: a line read restarts its
	 * deadline (StreamingRequests), so an import sending a line a second outlives head +
	 * body (6 s here) and has every line answered.
	 */
	@Test
	void anImportThatKeepsSendingLinesOutlivesTheRequestDeadline() throws Exception {
		int lines = 10;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /admin/users/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
					+ "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			long start = System.nanoTime();
			for (int i = 1; i <= lines; i++) {
				byte[] line = ("{\"appid\":\"" + this.appid + "\",\"username\":\"steady_" + i + "\"}\n")
					.getBytes(StandardCharsets.UTF_8);
				out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(line);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				Thread.sleep(1000);
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(HEAD.plus(BODY));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 200");
			for (int i = 1; i <= lines; i++) {
				assertThat(answer).contains("\"line\":" + i + ",\"status\":\"created\"");
			}
		}
	}

	@Test
	void tricklingHeadsAndBodiesAreCutOffWithoutDelayingOthers() throws Exception {
		String avatar = "/api/user/get_avatar?appid=" + this.appid + "&user=" + this.username;
		String profileBody = "{\"userId\":\"" + this.userId + "\"}";
		List<Trickler> tricklers = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			tricklers.add(switch (i % 6) {
				// the request line, byte by byte
				case 0, 1, 2 -> Trickler.head("G", "ET " + avatar + " HTTP/1.1\r\nHost: localhost\r\n" + padding());
				// a request line at once, then the headers byte by byte
				case 3, 4 -> Trickler.head("POST /api/get-public-user-profile HTTP/1.1\r\n",
						"Host: localhost\r\nContent-Type: application/json\r\n" + padding());
				// blank lines, which HTTP lets a client send before a request line
				default -> new Trickler("blank lines", "\r\n", "\r\n".repeat(100), IDLE);
			});
		}
		for (int i = 0; i < 100; i++) {
			tricklers.add(switch (i % 4) {
				case 0 -> Trickler.body("POST /api/get-public-user-profile", "application/json", profileBody, "");
				case 1 -> Trickler.body("POST /api/get-public-user-profiles", "application/json",
						"{\"userIds\":[\"" + this.userId + "\",\"nobody\"]}", "");
				case 2 -> Trickler.body("PATCH /admin/users/" + this.userId, "application/json",
						"{\"bio\":\"" + "slow ".repeat(20) + "\"}", "Authorization: Bearer " + ADMIN_TOKEN + "\r\n");
				default -> Trickler.body("PUT /admin/users/" + this.userId + "/avatar", "image/png",
						"x".repeat(100_000), "Authorization: Bearer " + ADMIN_TOKEN + "\r\n");
			});
		}

		AtomicBoolean trickling = new AtomicBoolean(true);
		ExecutorService others = Executors.newFixedThreadPool(2);
		try {
			Future<List<Long>> avatars = others.submit(() -> timed(trickling, () -> this.http.get(avatar)));
			Future<List<Long>> profiles = others
				.submit(() -> timed(trickling, () -> this.http.send("POST", "/api/get-public-user-profile",
						profileBody.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json")));
			drive(tricklers, Duration.ofSeconds(40));
			trickling.set(false);

			List<Long> millis = new ArrayList<>(avatars.get(30, TimeUnit.SECONDS));
			millis.addAll(profiles.get(30, TimeUnit.SECONDS));
			Collections.sort(millis);
			long p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
			log.info("Other requests while trickling: {}, p50 {} ms, p99 {} ms, max {} ms", millis.size(),
					millis.get(millis.size() / 2), p99, millis.get(millis.size() - 1));
			assertThat(millis).as("requests served while trickling").hasSizeGreaterThan(100);
			assertThat(p99).as("p99 of other requests, ms").isLessThanOrEqualTo(1000);
		}
		finally {
			trickling.set(false);
			others.shutdownNow();
		}

		assertClosedWithinDeadlines(tricklers);
		for (Trickler trickler : tricklers.subList(300, 400)) {
			assertThat(trickler.answer.size()).as("%s answered before the close", trickler.name).isPositive();
			Response answer = RawHttp.parse(trickler.answer.toByteArray());
			assertThat(answer.status()).as("%s: %s", trickler.name, answer).isEqualTo(408);
			assertThat(answer.header("Content-Type")).as(trickler.name).isEqualTo("application/problem+json");
			assertThat(answer.json().get("status").intValue()).isEqualTo(408);
			// not kept open to read the rest of a body that is late already
			assertThat(Duration.ofNanos(trickler.closedAt - trickler.answeredAt))
				.as("%s closed after its answer", trickler.name)
				.isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void bodiesNoHandlerReadsAreCutOffToo() throws Exception {
		String avatar = "/api/user/get_avatar?appid=" + this.appid + "&user=" + this.username;
		List<Trickler> tricklers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			// get_avatar answers without reading the body; Tomcat then reads it, to
			// discard it
			tricklers.add(new Trickler("unread body of get_avatar",
					"GET " + avatar + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nx", "x".repeat(99),
					HEAD.plus(BODY)));
			// refused before its body is read: the API key is not one
			tricklers.add(new Trickler("unread body of a refused profile",
					"POST /api/get-public-user-profile HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer nope\r\n"
							+ "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
					" ".repeat(99), HEAD.plus(BODY)));
		}
		drive(tricklers, Duration.ofSeconds(30));

		assertClosedWithinDeadlines(tricklers);
		for (Trickler trickler : tricklers) {
			assertThat(trickler.answer.size()).as("%s answered before the close", trickler.name).isPositive();
			Response answer = RawHttp.parse(trickler.answer.toByteArray());
			if (trickler.name.contains("get_avatar")) {
				assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
				assertThat(answer.header("Content-Type")).isEqualTo("image/jpeg");
			}
			else {
				assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
				assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
			}
		}
	}

	/**
	 * Idle between requests for longer than a request may take (head + body), but shorter
	 * than the keep-alive timeout: still one connection, every request served.
	 */
	@Test
	void aFastKeepAliveClientIsUnaffected() throws Exception {
		String avatar = "GET /api/user/get_avatar?appid=" + this.appid + "&user=" + this.username
				+ " HTTP/1.1\r\nHost: localhost\r\n\r\n";
		String body = "{\"userId\":\"" + this.userId + "\"}";
		String profile = "POST /api/get-public-user-profile HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
		Duration pause = HEAD.plus(BODY).plusSeconds(1);
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			List<String> requests = List.of(avatar, profile, avatar, profile, avatar);
			for (int i = 0; i < requests.size(); i++) {
				if (i == 2 || i == 4) {
					// the client has nothing to ask for a while
					Thread.sleep(pause.toMillis());
				}
				out.write(requests.get(i).getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				Response answer = RawHttp.readResponse(in);
				assertThat(answer.status()).as("request %d: %s", i, answer).isEqualTo(200);
				assertThat(answer.header("Connection")).as("request %d", i).isNotEqualTo("close");
			}
		}
	}

	/**
	 * Latencies (ms) of {@code request}, sent again and again while {@code running}; each
	 * must be a 200.
	 */
	private static List<Long> timed(AtomicBoolean running, Supplier<Response> request) {
		List<Long> millis = new ArrayList<>();
		while (running.get()) {
			long start = System.nanoTime();
			Response response = request.get();
			millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
		}
		return millis;
	}

	private static void assertClosedWithinDeadlines(List<Trickler> tricklers) {
		Map<String, Long> slowest = new TreeMap<>();
		for (Trickler trickler : tricklers) {
			assertThat(trickler.closedAt).as("%s closed by the server", trickler.name).isNotEqualTo(-1);
			Duration open = Duration.ofNanos(trickler.closedAt - trickler.connectedAt);
			assertThat(open)
				.as("%s open for (%d bytes sent; answered: %s)", trickler.name, trickler.first.length + trickler.sent,
						trickler.answer.toString(StandardCharsets.ISO_8859_1))
				.isBetween(trickler.deadline, trickler.deadline.plus(SLACK));
			slowest.merge(trickler.name + " (deadline " + trickler.deadline.toSeconds() + " s)", open.toMillis(),
					Math::max);
		}
		log.info("{} trickling connections closed; longest open, ms: {}", tricklers.size(), slowest);
	}

	/**
	 * Connects every trickler, sends what it sends at once, then one byte of each every
	 * {@link #TRICKLE} until the server has closed them all, reading what it answers as
	 * it comes.
	 */
	private void drive(List<Trickler> tricklers, Duration timeout) throws IOException {
		try (Selector selector = Selector.open()) {
			for (Trickler trickler : tricklers) {
				trickler.connect(selector, new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			}
			long end = System.nanoTime() + timeout.toNanos();
			long nextByte = System.nanoTime() + TRICKLE.toNanos();
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			while (tricklers.stream().anyMatch(Trickler::open) && System.nanoTime() - end < 0) {
				selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextByte - System.nanoTime())));
				for (SelectionKey key : selector.selectedKeys()) {
					((Trickler) key.attachment()).read(buffer);
				}
				selector.selectedKeys().clear();
				if (System.nanoTime() - nextByte >= 0) {
					for (Trickler trickler : tricklers) {
						trickler.sendNextByte();
					}
					nextByte += TRICKLE.toNanos();
				}
			}
			for (Trickler trickler : tricklers) {
				trickler.closeQuietly();
			}
		}
	}

	/** Pads a head to far more bytes than its deadline lets a trickle send. */
	private static String padding() {
		return "X-Padding: " + "p".repeat(100) + "\r\n\r\n";
	}

	/**
	 * A raw connection that sends {@code first} at once, then {@code rest} one byte at a
	 * time.
	 */
	private static final class Trickler {

		final String name;

		final byte[] first;

		final byte[] rest;

		/** From connecting to being closed by the server, at least. */
		final Duration deadline;

		final ByteArrayOutputStream answer = new ByteArrayOutputStream();

		SocketChannel channel;

		long connectedAt;

		long answeredAt = -1;

		long closedAt = -1;

		int sent;

		Trickler(String name, String first, String rest, Duration deadline) {
			this.name = name;
			this.first = first.getBytes(StandardCharsets.ISO_8859_1);
			this.rest = rest.getBytes(StandardCharsets.ISO_8859_1);
			this.deadline = deadline;
		}

		static Trickler head(String first, String rest) {
			return new Trickler("head", first, rest, HEAD);
		}

		/**
		 * The head at once, then the body (of {@code body.length()} bytes, declared) byte
		 * by byte.
		 */
		static Trickler body(String requestLine, String contentType, String body, String headers) {
			return new Trickler(
					"body of " + requestLine, requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + headers
							+ "Content-Type: " + contentType + "\r\nContent-Length: " + body.length() + "\r\n\r\n",
					body, BODY);
		}

		boolean open() {
			return this.closedAt == -1;
		}

		void connect(Selector selector, InetSocketAddress server) throws IOException {
			this.channel = SocketChannel.open(server);
			this.connectedAt = System.nanoTime();
			this.channel.configureBlocking(false);
			this.channel.register(selector, SelectionKey.OP_READ, this);
			ByteBuffer first = ByteBuffer.wrap(this.first);
			while (first.hasRemaining()) {
				this.channel.write(first);
			}
		}

		void sendNextByte() {
			if (!open() || this.sent >= this.rest.length) {
				return;
			}
			try {
				if (this.channel.write(ByteBuffer.wrap(this.rest, this.sent, 1)) == 1) {
					this.sent++;
				}
			}
			catch (IOException ex) {
				closed(); // the server closed (or reset) it before; this is the first we
							// hear of it
			}
		}

		void read(ByteBuffer buffer) {
			buffer.clear();
			try {
				int read = this.channel.read(buffer);
				if (read < 0) {
					closed();
				}
				else {
					if (this.answeredAt == -1) {
						this.answeredAt = System.nanoTime();
					}
					this.answer.write(buffer.array(), 0, read);
				}
			}
			catch (IOException ex) {
				closed(); // reset
			}
		}

		private void closed() {
			if (open()) {
				this.closedAt = System.nanoTime();
				closeQuietly();
			}
		}

		void closeQuietly() {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// closing
			}
		}

	}

}
