package dev.facecard.avatar;

import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.facecard.avatar.image.AvatarResizer;
import dev.facecard.shared.cache.Caches;
import dev.facecard.shared.cache.MonitoredCaches;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.Identifiers;
import dev.facecard.user.UserChanged;
import dev.facecard.user.UserFields;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The read path of avatars: which image a username or a content hash shows, its bytes,
 * and its resized variants, from four caches; uncached, one statement, the same for every
 * kind of miss. Owns those caches and evicts them on every {@link UserChanged}.
 */
@Service
public class AvatarLookups implements MonitoredCaches {

	private final AvatarRepository avatars;

	/**
	 * (appid, username) to the avatar it shows, or to "none" (unknown, banned, no avatar)
	 * alike.
	 */
	private final Cache<UsernameKey, Optional<AvatarImage.Version>> refsByUsername;

	/** Content hash to its version, while some user who is not banned shows it. */
	private final Cache<String, Optional<AvatarImage.Version>> shownHashes;

	/**
	 * JPEG bytes by content hash: immutable, so kept until the byte budget needs the
	 * room.
	 */
	private final Cache<String, byte[]> images;

	/**
	 * Resized JPEGs by content hash and size: a page of avatars at one size resizes each
	 * once, in the one bound of image work.
	 */
	private final ImageCache<SizedKey, byte[]> variants;

	private final AvatarResizer resizer;

	private final Counter resizes;

	AvatarLookups(AvatarRepository avatars, FacecardProperties properties, MeterRegistry meters, ImageWork imageWork) {
		this.avatars = avatars;
		this.resizer = new AvatarResizer(properties.avatar().jpegQuality());
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
	 * The avatar that user {@code username} of app {@code appid} shows. Uncached: one
	 * statement, the same for every kind of miss; cached: none. A size that needs a
	 * resize spends from {@code budget} first.
	 */
	public Optional<AvatarImage> findByUsername(String appid, String username, Integer size, ResizeBudget budget) {
		if (!Identifiers.isValid(appid) || !UserFields.isValidUsername(username)) {
			// no such app or user can exist, and PostgreSQL refuses some such texts (NUL)
			// outright
			return Optional.empty();
		}
		return this.refsByUsername
			.get(new UsernameKey(appid, username), key -> version(this.avatars.findByAppidAndUsername(appid, username)))
			.map(version -> sized(version, size, budget));
	}

	/**
	 * The avatar with content hash {@code hash}, while some user who is not banned shows
	 * it. A size that needs a resize spends from {@code budget} first.
	 */
	public AvatarImage findByHash(String hash, Integer size, ResizeBudget budget) {
		AvatarImage.Version version = this.shownHashes.get(hash, key -> version(this.avatars.findShownByHash(hash)))
			.orElseThrow(AvatarNotFoundException::new);
		return sized(version, size, budget);
	}

	/**
	 * The stored image ({@code size} null) or its variant fitting
	 * {@code size}×{@code size}: the stored bytes when they fit already (known from the
	 * stored dimensions, nothing decoded), else a resize, made once and cached; the
	 * client pays for it from {@code budget} before it starts.
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

	/**
	 * Keeps the bytes of a found image by hash and its version (header values formatted
	 * once) by lookup.
	 */
	private Optional<AvatarImage.Version> version(Optional<StoredImage> found) {
		found.ifPresent(image -> this.images.put(image.hash(), image.jpeg()));
		return found
			.map(image -> AvatarImage.Version.of(image.hash(), image.lastModified(), image.width(), image.height()));
	}

	private byte[] jpeg(String hash) {
		return this.images.get(hash, key -> this.avatars.findJpeg(hash).orElseThrow(AvatarNotFoundException::new));
	}

	@Override
	public Map<String, Cache<?, ?>> monitoredCaches() {
		return Map.of("avatar.refs", this.refsByUsername, "avatar.hashes", this.shownHashes, "avatar.images",
				this.images, "avatar.variants", this.variants.cache());
	}

	/**
	 * Forgets what a write changed; runs after its commit (at once when there was no
	 * transaction).
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void evict(UserChanged change) {
		if (change.appid() != null) {
			change.usernames()
				.forEach(username -> this.refsByUsername.invalidate(new UsernameKey(change.appid(), username)));
		}
		change.avatarHashes().forEach(this.shownHashes::invalidate);
	}

	private record UsernameKey(String appid, String username) {
	}

	private record SizedKey(String hash, int size) {
	}

}
