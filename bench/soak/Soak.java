import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * The traffic of bench/soak.sh: seeds an app, then sends a fixed mix of ordinary, expensive, refused and hostile
 * requests from many simulated clients (X-Forwarded-For, which the service trusts from loopback in this run) for a
 * given time, with slow clients trickling heads and bodies all along. Prints one line per status with its count,
 * and the figures bench/soak.sh puts in bench/RESULTS-soak.md. Java 21+ (virtual threads), no dependencies:
 * {@code java bench/soak/Soak.java <base url> <admin token> <seconds> <workers> <seed>}.
 */
public class Soak {

	static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

	static final Pattern HASH = Pattern.compile("/avatars/([0-9a-f]{64})\\.jpg");

	final String base;

	final String adminToken;

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

	final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

	final LongAdder failures = new LongAdder();

	/**
	 * The caches {@link #fill} fills: those the run's random sizes and default images grow
	 * for the whole run (the others fill in the warm-up, or hold all the run can put in
	 * them far below their bound).
	 */
	static final List<String> FILLED = List.of("avatar.variants", "avatar.defaults");

	/** {@code facecard_cache_weight_bytes} and {@code facecard_cache_weight_max_bytes} samples. */
	static final Pattern WEIGHT = Pattern
		.compile("^facecard_cache_weight(_max)?_bytes\\{[^}]*cache=\"([^\"]+)\"[^}]*\\} (\\S+)$", Pattern.MULTILINE);

	final LongAdder slowClosed = new LongAdder();

	final AtomicLong maxSlowMillis = new AtomicLong();

	final List<String> usernames = new ArrayList<>();

	final List<String> userIds = new ArrayList<>();

	final List<String> hashes = new ArrayList<>();

	final List<String> tokens = new ArrayList<>();

	Soak(String base, String adminToken) {
		this.base = base;
		this.adminToken = adminToken;
	}

	public static void main(String[] args) throws Exception {
		Soak soak = new Soak(args[0], args[1]);
		long seconds = Long.parseLong(args[2]);
		int workers = Integer.parseInt(args[3]);
		long seed = Long.parseLong(args[4]);
		String phase = (args.length > 5) ? args[5] : "run";
		if (phase.equals("seed")) {
			soak.seed(new Random(seed));
			return;
		}
		soak.load();
		if (phase.equals("fill")) {
			soak.fill(workers, new Random(seed));
			return;
		}
		soak.run(seconds, workers, seed);
	}

	/**
	 * Fills the image caches bounded by bytes (resized avatars, default images) to their
	 * bound, so that the run starts with the heap they will hold anyway: a cache still
	 * filling would read as heap growth.
	 */
	void fill(int workers, Random random) throws Exception {
		for (int round = 0; round < 200 && !full(0.95, FILLED); round++) {
			try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < 100; i++) {
					// clients of their own: the per-client resize budget is not what is measured here
					String client = "10.200." + random.nextInt(250) + "." + (1 + random.nextInt(250));
					String hashSized = "/avatars/" + this.hashes.get(random.nextInt(this.hashes.size())) + ".jpg?size="
							+ (16 + random.nextInt(1009));
					String defaultSized = "/api/user/get_avatar?appid=soak&user=nobody" + random.nextInt(100000)
							+ "&default=" + (random.nextBoolean() ? "identicon" : "mp") + "&size=" + (16 + random.nextInt(300));
					pool.submit(() -> {
						get("fill", hashSized, client);
						get("fill", defaultSized, client);
						return null;
					});
				}
			}
		}
		StringBuilder filled = new StringBuilder("filled:");
		weights().forEach((name, w) -> filled.append(String.format(" %s %.0f of %.0f bytes;", name, w[0], w[1])));
		System.out.println(filled);
	}

	/** Whether each of these caches holds at least this share of its bound. */
	boolean full(double share, List<String> caches) throws Exception {
		Map<String, double[]> weights = weights();
		return caches.stream().allMatch(name -> weights.containsKey(name) && weights.get(name)[0] >= share * weights.get(name)[1]);
	}

	/** Bytes held and bound, by cache, from the service's metrics. */
	Map<String, double[]> weights() throws Exception {
		String metrics = send(HttpRequest.newBuilder(URI.create(this.base + "/actuator/prometheus"))).body();
		Map<String, double[]> weights = new TreeMap<>();
		Matcher sample = WEIGHT.matcher(metrics);
		while (sample.find()) {
			weights.computeIfAbsent(sample.group(2), name -> new double[2])[sample.group(1) == null ? 0 : 1] = Double
				.parseDouble(sample.group(3));
		}
		return weights;
	}

	/** 40 users with 1024-pixel avatars, 2,000 without, a key for every tenth. */
	void seed(Random random) throws Exception {
		admin("POST", "/admin/apps", "{\"appid\":\"soak\",\"name\":\"Soak\"}", "application/json");
		for (int i = 0; i < 2040; i++) {
			String body = "{\"appid\":\"soak\",\"userId\":\"s_" + i + "\",\"username\":\"1390000" + String.format("%04d", i)
					+ "\",\"nickname\":\"Soak " + i + "\"}";
			admin("POST", "/admin/users", body, "application/json");
			if (i < 40) {
				admin("PUT", "/admin/users/s_" + i + "/avatar", photo(random, 1024), "image/png");
			}
			if (i % 10 == 0) {
				admin("POST", "/admin/users/s_" + i + "/api-keys", "", "application/json");
			}
		}
		System.out.println("seeded 2040 users, 40 avatars");
	}

	/** The seeded data as the run needs it: usernames, ids, avatar hashes (from the cards), fresh keys. */
	void load() throws Exception {
		for (int i = 0; i < 2040; i++) {
			this.usernames.add("1390000" + String.format("%04d", i));
			this.userIds.add("s_" + i);
		}
		for (int i = 0; i < 40; i++) {
			String card = send(HttpRequest.newBuilder(URI.create(this.base + "/api/get-public-user-profile?userId=s_" + i))
				.header("X-Forwarded-For", "10.255.0.1")).body();
			Matcher hash = HASH.matcher(card);
			if (hash.find()) {
				this.hashes.add(hash.group(1));
			}
		}
		for (int i = 0; i < 200; i += 10) {
			Matcher token = TOKEN.matcher(admin("POST", "/admin/users/s_" + i + "/api-keys", "", "application/json"));
			if (token.find()) {
				this.tokens.add(token.group(1));
			}
		}
		System.out.println("loaded " + this.hashes.size() + " avatar hashes and " + this.tokens.size() + " keys");
	}

	void run(long seconds, int workers, long seed) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		LongAdder sent = new LongAdder();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int w = 0; w < workers; w++) {
				Random random = new Random(seed * 1000 + w);
				pool.submit(() -> {
					while (System.nanoTime() < end) {
						try {
							one(random);
							sent.increment();
						}
						catch (Exception ex) {
							this.failures.increment();
							this.byKind.computeIfAbsent("no-answer " + ex.getClass().getSimpleName(), key -> new LongAdder())
								.increment();
						}
					}
					return null;
				});
			}
			for (int s = 0; s < 20; s++) {
				Random random = new Random(seed * 7000 + s);
				pool.submit(() -> {
					while (running.get() && System.nanoTime() < end) {
						slowClient(random, end);
					}
					return null;
				});
			}
		}
		running.set(false);
		this.http.close();
		System.out.println("requests " + sent.sum());
		System.out.println("client-errors " + this.failures.sum());
		System.out.println("slow-clients-closed " + this.slowClosed.sum() + " max-ms " + this.maxSlowMillis.get());
		new TreeMap<>(this.statuses).forEach((status, count) -> System.out.println("status " + status + " " + count.sum()));
		new TreeMap<>(this.byKind).forEach((kind, count) -> System.out.println("kind " + kind + " " + count.sum()));
	}

	/** One request of the mix, from one of 400 simulated clients. */
	void one(Random random) throws Exception {
		String client = "10." + random.nextInt(4) + "." + random.nextInt(10) + "." + (1 + random.nextInt(10));
		int pick = random.nextInt(100);
		String avatar = "/api/user/get_avatar?appid=soak&user=";
		if (pick < 25) {
			get("avatar-cached", avatar + this.usernames.get(random.nextInt(40)), client);
		}
		else if (pick < 33) {
			get("avatar-sized", avatar + this.usernames.get(random.nextInt(40)) + "&size=" + (16 + random.nextInt(1009)),
					client);
		}
		else if (pick < 38) {
			get("avatar-hash-sized", "/avatars/" + this.hashes.get(random.nextInt(this.hashes.size())) + ".jpg?size="
					+ (16 + random.nextInt(200)), client);
		}
		else if (pick < 43) {
			get("avatar-default", avatar + "nobody" + random.nextInt(100000) + "&default="
					+ (random.nextBoolean() ? "identicon" : "mp") + "&size=" + (16 + random.nextInt(300)), client);
		}
		else if (pick < 47) {
			get("avatar-miss", avatar + "nobody" + random.nextInt(1000000), client);
		}
		else if (pick < 62) {
			post("profile", "/api/get-public-user-profile",
					"{\"userId\":\"" + this.userIds.get(zipf(random, this.userIds.size())) + "\"}", client, null);
		}
		else if (pick < 67) {
			post("profile-key", "/api/get-public-user-profile",
					"{\"userId\":\"" + this.userIds.get(zipf(random, this.userIds.size())) + "\"}", client,
					this.tokens.get(random.nextInt(this.tokens.size())));
		}
		else if (pick < 72) {
			send("profile-get", HttpRequest.newBuilder(URI.create(this.base + "/api/get-public-user-profile?userId="
					+ this.userIds.get(zipf(random, this.userIds.size()))))
				.header("If-None-Match", "\"" + random.nextInt(1000) + "\"")
				.header("X-Forwarded-For", client));
		}
		else if (pick < 77) {
			byte[] key = new byte[32];
			random.nextBytes(key);
			post("bad-key", "/api/get-public-user-profile", "{\"userId\":\"s_1\"}", client,
					"fc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key));
		}
		else if (pick < 84) {
			StringBuilder ids = new StringBuilder();
			int count = 1 + random.nextInt(100);
			for (int i = 0; i < count; i++) {
				ids.append(i > 0 ? "," : "").append('"')
					.append(random.nextInt(4) == 0 ? "x_" + random.nextInt(100000) : this.userIds.get(random.nextInt(2040)))
					.append('"');
			}
			post("batch", "/api/get-public-user-profiles", "{\"userIds\":[" + ids + "]}", client, null);
		}
		else {
			hostile(random, client);
		}
	}

	/** Requests a fuzzer would send: broken bodies, paths, heads, oversized parts. */
	void hostile(Random random, String client) throws Exception {
		switch (random.nextInt(8)) {
			case 0 -> post("hostile", "/api/get-public-user-profile", "{\"userId\":", client, null);
			case 1 -> post("hostile", "/api/get-public-user-profile", "[".repeat(5000), client, null);
			case 2 -> post("hostile", "/api/get-public-user-profiles", "{\"userIds\":[\"" + "a".repeat(20000) + "\"]}",
					client, null);
			case 3 -> raw("hostile", "GET /api/user/get_avatar?appid=soak&user=%zz&size=abc HTTP/1.1\r\nHost: localhost\r\n"
					+ "X-Forwarded-For: " + client + "\r\nConnection: close\r\n\r\n");
			case 4 -> get("hostile", "/api/../api/user/get_avatar?appid=soak&user=x", client);
			case 5 -> raw("hostile", "GET /api/user/get_avatar?appid=soak&user=x HTTP/1.1\r\nHost: localhost\r\nBad\r\n\r\n");
			case 6 -> raw("hostile", "GET /api/user/get_avatar HTTP/2.0\r\nHost: localhost\r\n\r\n");
			default -> admin("POST", "/admin/apps", "{}", "application/json", "Bearer wrong-" + random.nextInt(), client);
		}
	}

	/** A client that trickles a head or a body, one byte every 2 s, until the service closes it. */
	void slowClient(Random random, long end) {
		URI uri = URI.create(this.base);
		long started = System.currentTimeMillis();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
			socket.setSoTimeout(2000); // one byte every 2 s
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			String request = random.nextBoolean()
					? "GET /api/user/get_avatar?appid=soak&user=13900000001 HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
							+ "s".repeat(200) + "\r\n\r\n"
					: "POST /api/get-public-user-profile HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
							+ "\r\nContent-Length: 200\r\n\r\n";
			boolean body = request.startsWith("POST");
			if (body) {
				out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			}
			byte[] bytes = body ? "{".repeat(200).getBytes(StandardCharsets.ISO_8859_1)
					: request.getBytes(StandardCharsets.ISO_8859_1);
			for (int i = 0; i < bytes.length && System.nanoTime() < end; i++) {
				out.write(bytes[i]);
				out.flush();
				try {
					if (in.read() < 0) {
						break; // closed by the service
					}
					in.readAllBytes(); // an answer (the 408): read to the close
					break;
				}
				catch (java.net.SocketTimeoutException ex) {
					// nothing yet: trickle on
				}
			}
		}
		catch (IOException ex) {
			// reset by the service: closed
		}
		long millis = System.currentTimeMillis() - started;
		this.slowClosed.increment();
		this.maxSlowMillis.accumulateAndGet(millis, Math::max);
	}

	void get(String kind, String path, String client) throws Exception {
		send(kind, HttpRequest.newBuilder(URI.create(this.base + path)).header("X-Forwarded-For", client));
	}

	void post(String kind, String path, String json, String client, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.POST(BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", client);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		send(kind, request);
	}

	void send(String kind, HttpRequest.Builder request) throws Exception {
		HttpResponse<byte[]> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
				BodyHandlers.ofByteArray());
		count(kind, response.statusCode());
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
	}

	void raw(String kind, String head) throws IOException {
		URI uri = URI.create(this.base);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			socket.shutdownOutput();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			count(kind, answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : 0);
		}
	}

	void count(String kind, int status) {
		this.statuses.computeIfAbsent(Integer.toString(status), key -> new LongAdder()).increment();
		this.byKind.computeIfAbsent(kind + " " + status, key -> new LongAdder()).increment();
	}

	String admin(String method, String path, Object body, String contentType) throws Exception {
		return admin(method, path, body, contentType, "Bearer " + this.adminToken, "10.255.0.2");
	}

	String admin(String method, String path, Object body, String contentType, String authorization, String client)
			throws Exception {
		byte[] bytes = (body instanceof byte[] raw) ? raw : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method, BodyPublishers.ofByteArray(bytes))
			.header("Authorization", authorization)
			.header("Content-Type", contentType)
			.header("X-Forwarded-For", client)
			.timeout(Duration.ofSeconds(60))
			.build(), BodyHandlers.ofString());
		count("admin", response.statusCode());
		return response.body();
	}

	/** About Zipf (s = 1) over {@code n}: most requests for a few users, a long tail for the rest. */
	static int zipf(Random random, int n) {
		return (int) Math.min(n - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(n))) - 1);
	}

	/** A photo-like 1024-pixel PNG: gradients and noise, so its JPEG is realistic in size. */
	static byte[] photo(Random random, int side) throws IOException {
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		for (int i = 0; i < 40; i++) {
			graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
			graphics.fillOval(random.nextInt(side), random.nextInt(side), 50 + random.nextInt(400),
					50 + random.nextInt(400));
		}
		graphics.dispose();
		for (int y = 0; y < side; y += 2) {
			for (int x = 0; x < side; x += 2) {
				image.setRGB(x, y, image.getRGB(x, y) ^ (random.nextInt(32) * 0x010101));
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(image, "png", png);
		return png.toByteArray();
	}

}
