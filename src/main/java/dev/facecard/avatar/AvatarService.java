package dev.facecard.avatar;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.facecard.avatar.AvatarImageNormalizer.NormalizedImage;
import dev.facecard.system.Caches;
import dev.facecard.system.FacecardProperties;
import dev.facecard.system.Identifiers;
import dev.facecard.system.InvalidRequestException;
import dev.facecard.system.MonitoredCaches;
import dev.facecard.system.PayloadTooLargeException;
import dev.facecard.system.RequestBodies;
import dev.facecard.user.User;
import dev.facecard.user.UserChanged;
import dev.facecard.user.UserFields;
import dev.facecard.user.UserService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class AvatarService implements MonitoredCaches {

	private static final Logger log = LoggerFactory.getLogger(AvatarService.class);

	private final AvatarRepository avatars;

	private final UserService users;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final AvatarImageNormalizer normalizer;

	private final long maxUploadBytes;

	private final Duration bodyDeadline;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	/** One concurrent decode per 512 MB of heap (at least one), so uploads cannot add up to an out-of-memory. */
	private final Semaphore decodeSlots = new Semaphore(
			(int) Math.max(1, Runtime.getRuntime().maxMemory() / (512L * 1024 * 1024)));

	/** (appid, username) to the avatar it shows, or to "none" (unknown, banned, no avatar) alike. */
	private final Cache<UsernameKey, Optional<AvatarImage.Version>> refsByUsername;

	/** Content hash to its version, while some user who is not banned shows it. */
	private final Cache<String, Optional<AvatarImage.Version>> shownHashes;

	/** JPEG bytes by content hash: immutable, so kept until the byte budget needs the room. */
	private final Cache<String, byte[]> images;

	/**
	 * Resized JPEGs by content hash and size: a page of avatars at one size resizes each once, in the one bound
	 * of image work.
	 */
	private final ImageCache<SizedKey, byte[]> variants;

	private final AvatarResizer resizer;

	private final Counter resizes;

	public AvatarService(AvatarRepository avatars, UserService users, PlatformTransactionManager transactionManager,
			Clock clock, FacecardProperties properties, ApplicationEventPublisher events,
			MeterRegistry meters, ImageWork imageWork) {
		this.avatars = avatars;
		this.users = users;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.events = events;
		this.meters = meters;
		FacecardProperties.Avatar settings = properties.avatar();
		this.normalizer = new AvatarImageNormalizer(settings.maxPixels(), settings.maxDimension(),
				settings.jpegQuality());
		this.maxUploadBytes = settings.maxUploadSize().toBytes();
		this.bodyDeadline = properties.deadlines().body();
		this.resizer = new AvatarResizer(settings.jpegQuality());
		this.resizes = Counter.builder("facecard.avatar.resizes")
			.description("Stored avatars decoded and resized for a size not cached yet")
			.register(meters);
		FacecardProperties.Cache cache = properties.cache();
		this.refsByUsername = Caches.lookups(cache);
		this.shownHashes = Caches.lookups(cache);
		this.images = Caffeine.newBuilder()
			.maximumWeight(cache.avatarBytes().toBytes())
			.weigher((String hash, byte[] jpeg) -> jpeg.length)
			.recordStats()
			.build();
		this.variants = new ImageCache<>(Caffeine.newBuilder()
			.maximumWeight(cache.avatarVariantBytes().toBytes())
			.weigher((SizedKey key, byte[] jpeg) -> jpeg.length)
			.recordStats()
			.build(), imageWork);
	}

	/**
	 * The avatar that user {@code username} of app {@code appid} shows. Uncached: one statement, the same
	 * for every kind of miss; cached: none. A size that needs a resize spends from {@code budget} first.
	 */
	public Optional<AvatarImage> findByUsername(String appid, String username, Integer size, ResizeBudget budget) {
		if (!Identifiers.isValid(appid) || !UserFields.isValidUsername(username)) {
			// no such app or user can exist, and PostgreSQL refuses some such texts (NUL) outright
			return Optional.empty();
		}
		return this.refsByUsername
			.get(new UsernameKey(appid, username), key -> version(this.avatars.findByAppidAndUsername(appid, username)))
			.map(version -> sized(version, size, budget));
	}

	/**
	 * The avatar with content hash {@code hash}, while some user who is not banned shows it. A size that needs
	 * a resize spends from {@code budget} first.
	 */
	public AvatarImage findByHash(String hash, Integer size, ResizeBudget budget) {
		AvatarImage.Version version = this.shownHashes.get(hash, key -> version(this.avatars.findShownByHash(hash)))
			.orElseThrow(AvatarNotFoundException::new);
		return sized(version, size, budget);
	}

	/**
	 * The stored image ({@code size} null) or its variant fitting {@code size}×{@code size}: the stored bytes
	 * when they fit already (known from the stored dimensions, nothing decoded), else a resize, made once and
	 * cached; the client pays for it from {@code budget} before it starts.
	 */
	private AvatarImage sized(AvatarImage.Version version, Integer size, ResizeBudget budget) {
		if (size == null) {
			return version.with(jpeg(version.hash()));
		}
		if (version.fits(size)) {
			return version.withSize(size, jpeg(version.hash()));
		}
		byte[] variant = this.variants.get(new SizedKey(version.hash(), size), budget::spend, () -> {
			this.resizes.increment();
			return this.resizer.fitWithin(jpeg(version.hash()), size);
		});
		return version.withSize(size, variant);
	}

	/** Keeps the bytes of a found image by hash and its version (header values formatted once) by lookup. */
	private Optional<AvatarImage.Version> version(Optional<StoredImage> found) {
		found.ifPresent(image -> this.images.put(image.hash(), image.jpeg()));
		return found
			.map(image -> AvatarImage.Version.of(image.hash(), image.lastModified(), image.width(), image.height()));
	}

	private byte[] jpeg(String hash) {
		return this.images.get(hash,
				key -> this.avatars.findJpeg(hash).orElseThrow(AvatarNotFoundException::new));
	}

	@Override
	public Map<String, Cache<?, ?>> monitoredCaches() {
		return Map.of("avatar.refs", this.refsByUsername, "avatar.hashes", this.shownHashes, "avatar.images",
				this.images, "avatar.variants", this.variants.cache());
	}

	/** Hits and misses of the resized-variant cache (a miss is one resize, or one wait for a resize in flight). */
	public CacheStats variantStats() {
		return this.variants.cache().stats();
	}

	/** Forgets what a write changed; runs after its commit (at once when there was no transaction). */
	@TransactionalEventListener(fallbackExecution = true)
	void evict(UserChanged change) {
		if (change.appid() != null) {
			change.usernames().forEach(username -> this.refsByUsername.invalidate(new UsernameKey(change.appid(), username)));
		}
		change.avatarHashes().forEach(this.shownHashes::invalidate);
	}

	private record UsernameKey(String appid, String username) {
	}

	private record SizedKey(String hash, int size) {
	}


	/**
	 * Normalises an upload and makes it the user's avatar. Decoding happens outside any transaction; a
	 * refused upload changes nothing.
	 */
	public StoredAvatar replace(String userId, InputStream body, long declaredLength) throws IOException {
		this.users.requireExists(userId);
		NormalizedImage image;
		try {
			image = normalize(readUpload(body, declaredLength));
		}
		catch (PayloadTooLargeException ex) {
			countUpload("refused-too-large");
			throw ex;
		}
		catch (InvalidRequestException ex) {
			countUpload("refused-invalid");
			throw ex;
		}
		UserChanged change = this.transaction.execute(status -> {
			Instant now = this.clock.instant();
			this.avatars.insertIfAbsent(image.hash(), image.jpeg(), image.jpeg().length, image.width(),
					image.height(), now);
			// locked: concurrent uploads for one user must each see the image they replace
			User user = this.users.getForUpdate(userId);
			UserChanged before = UserChanged.of(user);
			user.setAvatar(image.hash(), now);
			return before.and(user);
		});
		this.events.publishEvent(change);
		countUpload("stored");
		change.avatarHashes().forEach(hash -> deleteIfUnused(hash, image.hash()));
		return new StoredAvatar(image.hash(), image.width(), image.height());
	}

	/** Removes the user's avatar; removing a missing avatar is not an error. */
	public void remove(String userId) {
		UserChanged change = this.transaction.execute(status -> {
			User user = this.users.getForUpdate(userId);
			UserChanged before = UserChanged.of(user);
			if (user.getAvatarHash() != null) {
				user.setAvatar(null, this.clock.instant());
			}
			return before;
		});
		this.events.publishEvent(change);
		change.avatarHashes().forEach(hash -> deleteIfUnused(hash, null));
	}

	/**
	 * Decodes with at most {@link #decodeSlots} uploads at once: an image within {@code max-pixels} may still
	 * take a few hundred MB while it decodes, and uploads are rare enough to wait for a slot.
	 */
	private NormalizedImage normalize(byte[] upload) throws IOException {
		try {
			this.decodeSlots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting to decode an upload", ex);
		}
		try {
			return this.normalizer.normalize(upload);
		}
		finally {
			this.decodeSlots.release();
		}
	}

	private byte[] readUpload(InputStream body, long declaredLength) throws IOException {
		byte[] upload = RequestBodies.read(body, declaredLength, this.maxUploadBytes, this.bodyDeadline,
				"Images of at most " + this.maxUploadBytes + " bytes are accepted.");
		if (upload.length == 0) {
			throw new InvalidRequestException("The body is empty; send the image bytes.");
		}
		return upload;
	}

	/** {@code facecard.avatar.uploads}, by outcome. */
	private void countUpload(String outcome) {
		Counter.builder("facecard.avatar.uploads")
			.description("Avatar uploads, by outcome")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	/**
	 * Drops the previous image once nobody shows it. Best effort, after the commit: another user may take
	 * the same image at the same moment, and then it stays.
	 */
	private void deleteIfUnused(String previous, String current) {
		if (previous == null || previous.equals(current)) {
			return;
		}
		try {
			this.transaction.executeWithoutResult(status -> this.avatars.deleteIfUnused(previous));
		}
		catch (DataIntegrityViolationException ex) {
			log.debug("Avatar {} is in use again; kept", previous);
		}
		catch (DataAccessException ex) {
			// the upload is committed; an unused image left behind costs only storage
			log.warn("Could not remove unused avatar {}: {}", previous, ex.getClass().getName());
		}
	}

	/** What an upload stored: the content hash and the stored dimensions. */
	public record StoredAvatar(String hash, int width, int height) {
	}

}
