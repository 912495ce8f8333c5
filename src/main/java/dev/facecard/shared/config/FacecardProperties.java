package dev.facecard.shared.config;

import java.net.IDN;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.facecard.shared.web.ClientAddresses;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every tunable of Facecard ({@code facecard.*}); the README lists each with its default.
 *
 * @param adminToken bearer token of the admin API; when unset, generated at start-up into
 * an owner-only file
 * @param demoData load the demo data set; unset means "only on the embedded H2 database"
 * @param publicBaseUrl base of the absolute avatar URLs; unset means "from the request"
 * @param avatar avatar upload and delivery settings
 * @param profile public profile settings
 * @param rateLimit rate limits of {@code /api/**}
 * @param cache in-memory caches of the read paths
 * @param cors which web pages on other origins may call {@code /api/**} from a browser
 * @param admin who may call the admin API
 * @param deadlines how long a client may take to send a request
 * @param connections what each open connection holds
 * @param apiKeys bookkeeping of API keys
 * @param userImport the bulk import of users ({@code POST /admin/users/import})
 */
@ConfigurationProperties("facecard")
public record FacecardProperties(String adminToken, Boolean demoData, URI publicBaseUrl, @DefaultValue Avatar avatar,
		@DefaultValue Profile profile, @DefaultValue RateLimit rateLimit, @DefaultValue Cache cache,
		@DefaultValue Cors cors, @DefaultValue Admin admin, @DefaultValue Deadlines deadlines,
		@DefaultValue Connections connections, @DefaultValue ApiKeys apiKeys, @DefaultValue UserImport userImport,
		@DefaultValue Migrations migrations) {

	public FacecardProperties {
		if (publicBaseUrl != null && !isWebBase(publicBaseUrl)) {
			throw new IllegalArgumentException("facecard.public-base-url must be an http or https URL with a host and"
					+ " no query, fragment or user info, such as https://avatars.example.com");
		}
	}

	/** Whether avatar paths can follow {@code url}: a web address with a host. */
	private static boolean isWebBase(URI url) {
		String scheme = url.getScheme();
		return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && hasHost(url)
				&& url.getRawQuery() == null && url.getRawFragment() == null && url.getRawUserInfo() == null;
	}

	/**
	 * Whether {@code url} names a host, and a port only as a number: not
	 * {@code http://h:8080,}, a property given twice on a command line, joined.
	 * {@link URI} finds no host in a name outside ASCII ({@code http://例え.jp}) or with an
	 * underscore: such a name is taken when it is one IDNA allows.
	 */
	private static boolean hasHost(URI url) {
		if (url.getHost() != null) {
			return true;
		}
		String authority = url.getRawAuthority();
		if (authority == null || authority.contains("@")) {
			return false;
		}
		int colon = authority.lastIndexOf(':');
		String host = (colon < 0) ? authority : authority.substring(0, colon);
		String port = (colon < 0) ? "" : authority.substring(colon + 1);
		if (host.isEmpty() || (colon >= 0 && !port.matches("[0-9]{1,5}"))) {
			return false;
		}
		try {
			return IDN.toASCII(host).matches("[A-Za-z0-9._-]+");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * @param maxAge {@code Cache-Control: max-age} of {@code get_avatar} answers
	 * @param maxUploadSize largest accepted upload (413 beyond)
	 * @param maxPixels largest accepted width × height, read from the image header before
	 * decoding
	 * @param maxDimension stored avatars are scaled down to fit this many pixels on each
	 * side
	 * @param jpegQuality quality of the re-encoded JPEG, 0 to 1
	 * @param defaultMaxAge {@code Cache-Control: max-age} of a default image
	 * ({@code default=identicon|mp})
	 * @param defaultSize side of a default image when no {@code size} is asked
	 * @param imageWork the bound of image work on the read path (resized avatars, default
	 * images)
	 * @param webpQuality quality of the WebP answers, 0 to 1
	 */
	public record Avatar(@DefaultValue("300s") Duration maxAge, @DefaultValue("5MB") DataSize maxUploadSize,
			@DefaultValue("40000000") long maxPixels, @DefaultValue("1024") int maxDimension,
			@DefaultValue("0.9") float jpegQuality, @DefaultValue("60s") Duration defaultMaxAge,
			@DefaultValue("256") int defaultSize, @DefaultValue ImageWork imageWork,
			@DefaultValue("0.9") float webpQuality) {

		public Avatar {
			if (maxAge.isNegative() || maxUploadSize.toBytes() <= 0 || maxPixels <= 0 || maxDimension < 16
					|| jpegQuality <= 0 || jpegQuality > 1 || defaultMaxAge.isNegative() || defaultSize < 16
					|| defaultSize > 1024 || webpQuality < 0 || webpQuality > 1) {
				throw new IllegalArgumentException("facecard.avatar.*: max-age >= 0, max-upload-size > 0, "
						+ "max-pixels > 0, max-dimension >= 16, 0 < jpeg-quality <= 1 and 0 <= webp-quality <= 1");
			}
		}

	}

	/**
	 * At most {@code concurrency} images are made at once, server-wide (resized avatars
	 * and default images); a request waits at most {@code maxWait} for a slot, then is
	 * refused with 503. README "Hostile input".
	 *
	 * @param concurrency most images made at once; unset: one per CPU core, at most one
	 * per 64 MB of heap (a resize of a 1024-pixel avatar to a large size holds about 20
	 * MB)
	 * @param maxWait longest wait for a slot: long enough for a page of avatars at a new
	 * size (tens of resizes) to be made rather than refused, short enough that a flood is
	 * refused within seconds
	 */
	public record ImageWork(Integer concurrency, @DefaultValue("5s") Duration maxWait) {

		public ImageWork {
			if (concurrency == null) {
				long heapSlots = Runtime.getRuntime().maxMemory() / (64L * 1024 * 1024);
				concurrency = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), heapSlots));
			}
			if (concurrency < 1 || maxWait.isNegative()) {
				throw new IllegalArgumentException("facecard.avatar.image-work.*: concurrency >= 1 and max-wait >= 0");
			}
		}

	}

	/**
	 * @param linkNicknamePlaceholder shown instead of a nickname that contains a link
	 * @param maxAge {@code Cache-Control: max-age} of the GET form of a profile
	 */
	public record Profile(@DefaultValue("昵称含链接，已隐藏") String linkNicknamePlaceholder,
			@DefaultValue("30s") Duration maxAge) {
	}

	/**
	 * Each limit allows {@code limit} requests per {@code period}.
	 *
	 * @param store where buckets live: {@code memory} (per instance) or {@code redis}
	 * (shared by all instances, through {@code spring.data.redis.*})
	 * @param authenticated per token owner, every {@code /api/**} request (default 120
	 * per minute)
	 * @param anonymous per client, profile requests without a token (default 300 per
	 * minute)
	 * @param avatarMisses per client, avatar lookups that end in 404 or a default image
	 * (default 120 per minute); once spent, every avatar lookup of the client is refused
	 * until it refills
	 * @param keyFailures per client, requests with an API key that is malformed, unknown,
	 * revoked or whose owner is banned (default 10 per minute); once spent, a key not
	 * known to be valid is refused before it is looked up
	 * @param adminFailures per client, admin API requests with a wrong admin token
	 * (default 10 per minute)
	 * @param ipv6PrefixLength an IPv6 client is keyed by its network of this many bits
	 * (default 64)
	 * @param maxTrackedKeys in-memory store (and the fallback while Redis is
	 * unreachable): most users and IPs tracked at once
	 * @param redisKeyPrefix prefix of every bucket key in Redis
	 * @param redisRetryInterval while Redis is unreachable, how often a request tries it
	 * again
	 * @param resizes per client IP, avatar sizes that are resized for the request (not
	 * cached yet; default 120 per minute)
	 */
	public record RateLimit(@DefaultValue("memory") Store store, Limit authenticated, Limit anonymous,
			Limit avatarMisses, Limit keyFailures, Limit adminFailures, Limit resizes,
			@DefaultValue("64") int ipv6PrefixLength, @DefaultValue("100000") int maxTrackedKeys,
			@DefaultValue("facecard:rate-limit:") String redisKeyPrefix,
			@DefaultValue("1s") Duration redisRetryInterval) {

		public RateLimit {
			authenticated = Limit.orDefault(authenticated, 120);
			anonymous = Limit.orDefault(anonymous, 300);
			avatarMisses = Limit.orDefault(avatarMisses, 120);
			keyFailures = Limit.orDefault(keyFailures, 10);
			adminFailures = Limit.orDefault(adminFailures, 10);
			resizes = Limit.orDefault(resizes, 120);
			if (maxTrackedKeys < 1 || redisRetryInterval.isNegative() || redisRetryInterval.isZero()) {
				throw new IllegalArgumentException(
						"facecard.rate-limit.*: max-tracked-keys and redis-retry-interval must be positive");
			}
			if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
				throw new IllegalArgumentException("facecard.rate-limit.ipv6-prefix-length: 1 to 128");
			}
		}

		/**
		 * The longest period of the limits: a bucket idle for that long is full again and
		 * can be dropped.
		 */
		public Duration longestPeriod() {
			return Stream
				.of(this.authenticated, this.anonymous, this.avatarMisses, this.keyFailures, this.adminFailures,
						this.resizes)
				.map(Limit::period)
				.max(Duration::compareTo)
				.orElseThrow();
		}

		public enum Store {

			MEMORY, REDIS

		}

	}

	/** {@code limit} requests per {@code period} (default one minute). */
	public record Limit(long limit, Duration period) {

		public Limit {
			period = (period != null) ? period : Duration.ofMinutes(1);
			if (limit < 1 || period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("facecard.rate-limit.*: limit >= 1 and a positive period");
			}
		}

		static Limit orDefault(Limit limit, long defaultLimit) {
			return (limit != null) ? limit : new Limit(defaultLimit, Duration.ofMinutes(1));
		}

	}

	/**
	 * Caches of the read paths. A write on this instance evicts what it changed at once;
	 * other instances see it within milliseconds through PostgreSQL LISTEN/NOTIFY, and
	 * after at most {@code ttl} in any case, the documented staleness bound.
	 *
	 * @param ttl how long a cached lookup (username to avatar, profile card, follow, API
	 * key) is trusted
	 * @param maxEntries most entries of each lookup cache
	 * @param avatarBytes most bytes of avatar images kept in memory
	 * @param avatarVariantBytes most bytes of resized avatars ({@code size}) kept in
	 * memory
	 * @param maxNotFoundEntries most "not found" answers kept by each lookup cache that
	 * keeps them (users, API keys, app credentials), apart from the found ones, so that
	 * lookups of made-up ids or keys never push real entries out
	 * @param profileCardBytes most bytes of profile cards kept in memory (each card's
	 * entry and packed values; estimated)
	 * @param profileMissWait longest a profile-card (or isFollowing, or own-profile)
	 * lookup waits for a turn at the statement of its line (one runs at a time) before it
	 * answers 503: a database that answers slowly makes misses wait in line, and this
	 * bounds the request threads they hold
	 * @param notifiedTtl how long a lookup (username to avatar, profile card, follow, API
	 * key, app credential) made while this instance hears every change of the others (its
	 * PostgreSQL listening connection confirmed within half of {@code ttl}) is kept,
	 * served only while it still hears them; the staleness bound stays {@code ttl}. At
	 * least {@code ttl}.
	 * @param lookupWait longest an avatar, API-key or app-credential lookup that missed
	 * its cache waits for one of the statements of its kind allowed at a time (four for
	 * avatars, two for keys, one for credentials) before it answers 503: a flood of
	 * misses from many clients, each within its budget, holds no more pool connections
	 * than that
	 */
	public record Cache(@DefaultValue("5s") Duration ttl, @DefaultValue("50000") int maxEntries,
			@DefaultValue("32MB") DataSize avatarBytes, @DefaultValue("16MB") DataSize avatarVariantBytes,
			@DefaultValue("10000") int maxNotFoundEntries, @DefaultValue("48MB") DataSize profileCardBytes,
			@DefaultValue("1s") Duration profileMissWait, @DefaultValue("10m") Duration notifiedTtl,
			@DefaultValue("1s") Duration lookupWait) {

		public Cache {
			if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(5)) > 0 || maxEntries < 0
					|| avatarBytes.isNegative() || avatarVariantBytes.isNegative() || maxNotFoundEntries < 0
					|| profileCardBytes.isNegative() || profileMissWait.isNegative() || notifiedTtl.isNegative()
					|| lookupWait.isNegative()) {
				throw new IllegalArgumentException(
						"facecard.cache.*: ttl between 0 and 5s, sizes and waits not negative");
			}
			if (notifiedTtl.compareTo(ttl) < 0) {
				throw new IllegalArgumentException("facecard.cache.notified-ttl: at least facecard.cache.ttl");
			}
		}

		/**
		 * The most the caches bounded by bytes hold together: avatars, cards, and the
		 * resized avatars and the default images, each bounded by
		 * {@code avatarVariantBytes}.
		 */
		public long boundedBytes() {
			return this.avatarBytes.toBytes() + 2 * this.avatarVariantBytes.toBytes() + this.profileCardBytes.toBytes();
		}

	}

	/**
	 * Cross-origin access to {@code /api/**} from browsers, without credentials (API keys
	 * travel in {@code Authorization}, never in cookies).
	 *
	 * @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may read
	 * the answers, or {@code *} for any; empty for none
	 */
	public record Cors(@DefaultValue("*") List<String> allowedOrigins) {

		public Cors {
			allowedOrigins = List.copyOf(allowedOrigins);
			for (String origin : allowedOrigins) {
				if (!origin.equals("*") && !origin.matches("https?://[^/?#\\s*]+")) {
					throw new IllegalArgumentException(
							"facecard.cors.allowed-origins: * or origins like https://example.com:8443, got " + origin);
				}
			}
		}

	}

	/**
	 * The admin API's reach.
	 *
	 * @param allowedNetworks networks (CIDR, e.g. {@code 10.0.0.0/8},
	 * {@code 2001:db8::/32}) the admin API may be called from; others get 403 before
	 * their token is looked at. Empty: any network.
	 */
	public record Admin(@DefaultValue List<String> allowedNetworks) {

		public Admin {
			allowedNetworks = List.copyOf(allowedNetworks);
			// fails start-up on a typo
			allowedNetworks.forEach(ClientAddresses.Network::parse);
		}

		public List<ClientAddresses.Network> networks() {
			return this.allowedNetworks.stream().map(ClientAddresses.Network::parse).toList();
		}

	}

	/**
	 * How long a client may take to send a request; past a deadline its connection is
	 * closed (slow clients hold connections, and a body being read holds a thread).
	 *
	 * @param head a request head (request line and headers) must be complete this long
	 * after its first byte
	 * @param body a body must have arrived this long after its reading started (408
	 * otherwise); a request, its body and answer included, is cut off {@code head + body}
	 * after its first byte
	 */
	public record Deadlines(@DefaultValue("10s") Duration head, @DefaultValue("60s") Duration body) {

		public Deadlines {
			if (head.isNegative() || head.isZero() || body.isNegative() || body.isZero()) {
				throw new IllegalArgumentException("facecard.deadlines.*: head and body must be positive");
			}
		}

	}

	/**
	 * What each open connection holds. Tomcat hands an answer to the socket in writes of
	 * at most {@code writeBuffer} bytes, and each write wakes the client; its default (8
	 * KB) cut a typical avatar (20 KB) into three writes (README "Performance"). README
	 * "Hostile input" gives what it costs in memory.
	 *
	 * @param writeBuffer bytes of an answer written to the socket at once; every open
	 * connection holds a buffer of this size
	 */
	public record Connections(@DefaultValue("32KB") DataSize writeBuffer) {

		public Connections {
			if (writeBuffer == null || writeBuffer.toBytes() < 8 * 1024 || writeBuffer.toBytes() > 1024 * 1024) {
				throw new IllegalArgumentException("facecard.connections.write-buffer: from 8KB to 1MB");
			}
		}

	}

	/**
	 * When each API key was last used is written off the request thread, at most once per
	 * {@code lastUsedInterval} per key, so that a busy key costs no write per request.
	 *
	 * @param lastUsedInterval least time between two writes of one key's
	 * {@code lastUsedAt}: its precision
	 * @param lastUsedQueue most writes waiting at once; beyond it a use goes unrecorded
	 * rather than wait
	 */
	public record ApiKeys(@DefaultValue("1m") Duration lastUsedInterval, @DefaultValue("10000") int lastUsedQueue) {

		public ApiKeys {
			if (lastUsedInterval.isNegative() || lastUsedQueue < 1) {
				throw new IllegalArgumentException(
						"facecard.api-keys.*: last-used-interval >= 0 and last-used-queue >= 1");
			}
		}

	}

	/**
	 * The bulk import writes its lines in batches, each in a transaction of its own, and
	 * answers a batch's lines once it is committed.
	 *
	 * @param batchSize most lines written in one transaction: larger batches cost fewer
	 * statements per line
	 * @param maxDelay longest a read line waits for more before its batch is written
	 * anyway: a client that sends a few lines and waits for their results gets them after
	 * this long
	 */
	public record UserImport(@DefaultValue("1000") int batchSize, @DefaultValue("50ms") Duration maxDelay) {

		public UserImport {
			if (batchSize < 1 || batchSize > 10_000 || maxDelay.isNegative()) {
				throw new IllegalArgumentException(
						"facecard.user-import.*: batch-size between 1 and 10000, max-delay >= 0");
			}
		}

	}

	/**
	 * The schema's migrations (Flyway, at start) read without the driver's 1 s read
	 * timeout that bounds every other statement: a migration may rewrite every row of a
	 * large table.
	 *
	 * @param readTimeout longest a migration's statement may go without an answer from
	 * PostgreSQL; {@code 0} for no bound
	 */
	public record Migrations(@DefaultValue("30m") Duration readTimeout) {

		public Migrations {
			if (readTimeout.isNegative() || readTimeout.toMillis() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("facecard.migrations.read-timeout: from 0 (no bound) to 24d");
			}
		}

	}

}
