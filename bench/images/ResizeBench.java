import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client of bench/images-resize.sh (no wrk here): uploads generated avatars through the
 * admin API, and requests each avatar once at a size from N clients, each over a
 * keep-alive connection of its own, printing throughput and latency percentiles.
 *
 * <pre>
 * java bench/images/ResizeBench.java upload BASE TOKEN APPID FROM TO [SIDE]
 * java bench/images/ResizeBench.java measure BASE APPID FROM TO CLIENTS SIZE [ACCEPT [WARM_FROM WARM_TO]]
 * </pre>
 *
 * A measure first warms up on avatars {@code WARM_FROM} to {@code WARM_TO - 1}, in this
 * process and over the connections it then measures on: each of them once (the service's
 * cold path), then again, cached, until {@value #WARMUP_REQUESTS} requests were made (this
 * client's own code: a JVM that starts to measure spends more on its HTTP client, still
 * interpreted or being compiled, than the service spends on a cold size).
 */
public class ResizeBench {

	/** Requests of a measure's warm-up, cold and cached together (at least one per avatar). */
	static final int WARMUP_REQUESTS = 5000;

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "upload" -> upload(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
					(args.length > 6) ? Integer.parseInt(args[6]) : 1024);
			case "measure" -> measure(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
					Integer.parseInt(args[5]), Integer.parseInt(args[6]), (args.length > 7) ? args[7] : "",
					(args.length > 9) ? Integer.parseInt(args[8]) : 0, (args.length > 9) ? Integer.parseInt(args[9]) : 0);
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	static void upload(String base, String token, String appid, int from, int to, int side) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		send(http, HttpRequest.newBuilder(URI.create(base + "/admin/apps"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"appid\":\"" + appid + "\",\"name\":\"bench\"}")), 201, 409);
		AtomicInteger next = new AtomicInteger(from);
		ExecutorService uploaders = Executors.newFixedThreadPool(2);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			done.add(uploaders.submit(() -> {
				for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
					String userId = "bench_" + appid + "_" + i;
					send(http, HttpRequest.newBuilder(URI.create(base + "/admin/users"))
						.header("Authorization", "Bearer " + token)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"appid\":\"" + appid + "\",\"userId\":\"" + userId
								+ "\",\"username\":\"u" + i + "\"}")), 201);
					byte[] jpeg = GeneratedImages.jpeg(GeneratedImages.distinct(side, i), 0.92f);
					send(http, HttpRequest.newBuilder(URI.create(base + "/admin/users/" + userId + "/avatar"))
						.header("Authorization", "Bearer " + token)
						.header("Content-Type", "image/jpeg")
						.PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)), 200);
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		uploaders.shutdown();
	}

	/**
	 * Asks for avatars {@code from} to {@code to - 1} once each, at {@code size} (0: no
	 * size), with {@code accept} as the {@code Accept} header when it is not empty; an
	 * answer counts as an error unless it is a 200 of the type asked for (WebP when
	 * {@code accept} names it, else JPEG). Warms up first on avatars {@code warmFrom} to
	 * {@code warmTo - 1} (none when the range is empty).
	 */
	static void measure(String base, String appid, int from, int to, int clients, int size, String accept,
			int warmFrom, int warmTo) throws Exception {
		String type = accept.contains("image/webp") ? "image/webp" : "image/jpeg";
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<HttpClient> connections = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			// one connection per client, as wrk keeps them
			connections.add(HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build());
		}
		if (warmTo > warmFrom) {
			int rounds = Math.max(1, (WARMUP_REQUESTS + warmTo - warmFrom - 1) / (warmTo - warmFrom));
			for (int round = 0; round < rounds; round++) {
				ask(pool, connections, base, appid, warmFrom, warmTo, size, accept, type, null);
			}
		}
		long[] latencies = new long[to - from];
		long start = System.nanoTime();
		int errors = ask(pool, connections, base, appid, from, to, size, accept, type, latencies);
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT,
				"requests=%d clients=%d size=%d seconds=%.2f req/s=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f errors=%d%n",
				sorted.length, clients, size, seconds, sorted.length / seconds, percentile(sorted, 50),
				percentile(sorted, 90), percentile(sorted, 99), errors);
	}

	/**
	 * Asks for avatars {@code from} to {@code to - 1} once each over {@code connections},
	 * one client each; records each latency in {@code latencies} when it is not null.
	 * Returns the errors.
	 */
	private static int ask(ExecutorService pool, List<HttpClient> connections, String base, String appid, int from,
			int to, int size, String accept, String type, long[] latencies) throws Exception {
		AtomicInteger next = new AtomicInteger(from);
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger measured = new AtomicInteger();
		List<Future<?>> done = new ArrayList<>();
		for (HttpClient http : connections) {
			done.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
					HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/api/user/get_avatar?appid="
							+ appid + "&user=u" + i + ((size > 0) ? "&size=" + size : "")));
					if (!accept.isEmpty()) {
						builder.header("Accept", accept);
					}
					HttpRequest request = builder.build();
					long t0 = System.nanoTime();
					HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
					long took = System.nanoTime() - t0;
					if (response.statusCode() != 200
							|| !type.equals(response.headers().firstValue("Content-Type").orElse(""))) {
						errors.incrementAndGet();
					}
					if (latencies != null) {
						latencies[measured.getAndIncrement()] = took;
					}
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		return errors.get();
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	private static void send(HttpClient http, HttpRequest.Builder request, int... expected) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (int status : expected) {
				if (response.statusCode() == status) {
					return;
				}
			}
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
