package dev.facecard.avatar;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.avatar.image.AvatarResizer;
import dev.facecard.shared.cache.CacheTrust;
import dev.facecard.shared.cache.Caches;
import dev.facecard.shared.cache.CoalescingLookupCache;
import dev.facecard.shared.cache.MonitoredCaches;
import dev.facecard.shared.cache.StatementTurns;
import dev.facecard.shared.cache.TurnTimeoutException;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.Identifiers;
import dev.facecard.user.UserChanged;
import dev.facecard.user.UserFields;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The read path of avatars: which image a username or a content hash shows, its bytes,
 * its resized variants (from the renditions made at upload where it has them) and WebPs,
 * from four caches; uncached, one statement, the same for every kind of miss, which also
 * reads the bytes the answer is likeliest to need (the stored JPEG, the stored WebP, or
 * the rendition of the size asked). Owns those caches and evicts them on every
 * {@link UserChanged}.
 */
@Service
public class AvatarLookups implements MonitoredCaches {

	private static final Logger log = LoggerFactory.getLogger(AvatarLookups.class);

	/**
	 * How much larger than the asked size a rendition must be to be resized from instead
	 * of the stored image.
	 */
	static final double SOURCE_MARGIN = 2.5;

	/**
	 * What a made image weighs beyond its bytes (key, entry), so that even an empty one
	 * (a failed WebP) counts.
	 */
	private static final int ENTRY_OVERHEAD = 96;

	/** Cached in place of a WebP the encoder failed to make. */
	private static final byte[] NOT_ENCODED = new byte[0];

	/**
	 * Most avatar lookup statements at a time: four of the pool's connections (16,
	 * application.yml, shared out in README "Scaling"). Misses are single indexed rows,
	 * so four answer thousands a second.
	 */
	static final int MAX_LOOKUP_STATEMENTS = 4;

	private final AvatarRepository avatars;

	/**
	 * (appid, username) to the avatar it shows, or to "none" (unknown, banned, no avatar)
	 * alike.
	 */
	private final CoalescingLookupCache<UsernameKey, Optional<AvatarImage.Version>> refsByUsername;

	/** Content hash to its version, while some user who is not banned shows it. */
	private final CoalescingLookupCache<String, Optional<AvatarImage.Version>> shownHashes;

	/**
	 * JPEG bytes by content hash: immutable, so kept until the byte budget needs the
	 * room.
	 */
	private final Cache<String, byte[]> images;

	/**
	 * Resized JPEGs, renditions and WebPs by content hash, size and format: a page of
	 * avatars at one size resizes (or encodes) each once, in the one bound of image work.
	 */
	private final ImageCache<VariantKey, byte[]> variants;

	private final AvatarResizer resizer;

	private final WebpEncoder webpEncoder;

	private final Counter resizes;

	private final Counter webpEncodings;

	private final Counter webpFailures;

	/**
	 * The turns of {@link #MAX_LOOKUP_STATEMENTS} that every statement of the read path
	 * takes.
	 */
	private final StatementTurns lookupTurns;

	AvatarLookups(AvatarRepository avatars, FacecardProperties properties, CacheTrust trust, MeterRegistry meters,
			ImageWork imageWork, WebpEncoder webpEncoder) {
		this.avatars = avatars;
		this.resizer = new AvatarResizer(properties.avatar().jpegQuality());
		this.webpEncoder = webpEncoder;
		this.resizes = Counter.builder("facecard.avatar.resizes")
			.description("Stored avatars decoded and resized for a size not cached yet")
			.register(meters);
		this.webpEncodings = Counter.builder("facecard.avatar.webp.encodings")
			.description("WebP answers encoded (once per image and size while cached)")
			.register(meters);
		this.webpFailures = Counter.builder("facecard.avatar.webp.failures")
			.description("WebP encodings that failed; the JPEG was answered instead")
			.register(meters);
		Counter lookupRefusals = Counter.builder("facecard.avatar.lookup-refusals")
			.description("Avatar lookups that missed their cache and were refused (503) because none of the"
					+ " avatar statements allowed at a time came free within facecard.cache.lookup-wait")
			.register(meters);
		this.lookupTurns = new StatementTurns(MAX_LOOKUP_STATEMENTS, properties.cache().lookupWait(),
				lookupRefusals::increment);
		FacecardProperties.Cache cache = properties.cache();
		this.refsByUsername = new CoalescingLookupCache<>(cache, trust);
		this.shownHashes = new CoalescingLookupCache<>(cache, trust);
		this.images = Caches.newBuilder()
			.maximumWeight(cache.avatarBytes().toBytes())
			.weigher((String hash, byte[] jpeg) -> jpeg.length)
			.recordStats()
			.build();
		this.variants = new ImageCache<>(Caches.newBuilder()
			.maximumWeight(cache.avatarVariantBytes().toBytes())
			.weigher((VariantKey key, byte[] image) -> image.length + ENTRY_OVERHEAD)
			.recordStats()
			.build(), imageWork);
	}

	/**
	 * The avatar that user {@code username} of app {@code appid} shows. Uncached: one
	 * statement, the same for every kind of miss, with the stored bytes the answer needs
	 * (for a size the image's own only when it fits, else the rendition of that size if
	 * there is one, a resize's source being read later by the request that resizes; for a
	 * WebP the stored WebP instead of the JPEG); cached: none. A WebP when {@code webp}
	 * and it can be made, else the JPEG. A lookup not cached spends from
	 * {@code lookupBudget} first, a size that needs a resize from {@code budget}.
	 */
	public Optional<AvatarImage> findByUsername(String appid, String username, Integer size, boolean webp,
			LookupBudget lookupBudget, ResizeBudget budget) {
		if (!Identifiers.isValid(appid) || !UserFields.isValidUsername(username)) {
			// no such app or user can exist, and PostgreSQL refuses some such texts (NUL)
			// outright
			return Optional.empty();
		}
		return this.refsByUsername
			.get(new UsernameKey(appid, username),
					key -> version(
							inTurn(() -> (size == null) ? this.avatars.findByAppidAndUsername(appid, username, webp)
									: this.avatars.findForSizeByAppidAndUsername(appid, username, size, webp)),
							size, webp),
					lookupBudget::spend)
			.map(version -> answer(version, size, webp, budget));
	}

	/**
	 * The avatar with content hash {@code hash}, while some user who is not banned shows
	 * it. A lookup not cached spends from {@code lookupBudget} first, a size that needs a
	 * resize from {@code budget}.
	 */
	public AvatarImage findByHash(String hash, Integer size, boolean webp, LookupBudget lookupBudget,
			ResizeBudget budget) {
		AvatarImage.Version version = this.shownHashes
			.get(hash,
					key -> version(inTurn(() -> (size == null) ? this.avatars.findShownByHash(hash, webp)
							: this.avatars.findShownForSizeByHash(hash, size, webp)), size, webp),
					lookupBudget::spend)
			.orElseThrow(AvatarNotFoundException::new);
		return answer(version, size, webp, budget);
	}

	private AvatarImage answer(AvatarImage.Version version, Integer size, boolean webp, ResizeBudget budget) {
		if (webp) {
			AvatarImage image = webp(version, size, budget);
			if (image != null) {
				return image;
			}
		}
		return sized(version, size, budget);
	}

	/**
	 * The WebP of the stored image or of its variant of {@code size}: the one made at
	 * upload where there is one (the image and its renditions), else encoded once from
	 * the same source a JPEG variant is made from; the client pays only when a resize is
	 * needed (a size neither stored nor a rendition). Null when there is none and the
	 * encoder failed.
	 */
	private AvatarImage webp(AvatarImage.Version version, Integer size, ResizeBudget budget) {
		int made = (size == null || version.fits(size)) ? 0 : size;
		boolean resize = made != 0 && !(version.renditions() && isRendition(made));
		VariantKey key = new VariantKey(version.hash(), made, true);
		byte[] webp;
		if (!resize && version.webp()) {
			// made at upload from the upload's pixels: read once (no image work), like a
			// rendition
			webp = this.variants.load(key,
					() -> inTurn(() -> this.avatars.findWebp(version.hash(), made)).orElse(NOT_ENCODED));
		}
		else {
			Runnable pay = resize ? budget::spend : () -> {
			};
			webp = this.variants.get(key, pay, () -> encodeWebp(version, made, resize));
		}
		return (webp.length > 0) ? version.webp(size, webp) : null;
	}

	private byte[] encodeWebp(AvatarImage.Version version, int size, boolean resize) {
		BufferedImage pixels;
		if (size == 0) {
			pixels = AvatarResizer.pixels(jpeg(version.hash()), version.width(), version.height());
		}
		else {
			int[] fitted = AvatarResizer.fit(version.width(), version.height(), size);
			if (resize) {
				this.resizes.increment();
			}
			byte[] source = resize ? source(version, size) : rendition(version.hash(), size);
			pixels = AvatarResizer.pixels(source, fitted[0], fitted[1]);
		}
		try {
			byte[] webp = this.webpEncoder.encode(pixels);
			this.webpEncodings.increment();
			return webp;
		}
		catch (RuntimeException | LinkageError ex) {
			// libwebp missing on this platform, or refusing an image: the JPEG will do
			this.webpFailures.increment();
			log.debug("WebP encoding failed ({}); answering the JPEG", ex.getClass().getName());
			return NOT_ENCODED;
		}
	}

	/**
	 * The stored image ({@code size} null) or its variant fitting
	 * {@code size}×{@code size}: the stored bytes when they fit already (known from the
	 * stored dimensions, nothing decoded), a rendition's bytes when one has that size,
	 * else a resize, made once and cached; the client pays for a resize from
	 * {@code budget} before it starts.
	 */
	private AvatarImage sized(AvatarImage.Version version, Integer size, ResizeBudget budget) {
		if (size == null) {
			return version.with(jpeg(version.hash()));
		}
		if (version.fits(size)) {
			return version.withSize(size, jpeg(version.hash()));
		}
		return version.withSize(size, jpegVariant(version, size, budget));
	}

	private byte[] jpegVariant(AvatarImage.Version version, int size, ResizeBudget budget) {
		if (version.renditions() && isRendition(size)) {
			return rendition(version.hash(), size);
		}
		int[] fitted = AvatarResizer.fit(version.width(), version.height(), size);
		// the source is read only by the request that resizes, after it paid
		return this.variants.get(new VariantKey(version.hash(), size, false), budget::spend, () -> {
			this.resizes.increment();
			return this.resizer.scale(source(version, size), fitted[0], fitted[1]);
		});
	}

	/**
	 * What a resize to {@code size} decodes: the smallest rendition at least
	 * {@link #SOURCE_MARGIN} times as large (Lanczos keeps its sharpness from there),
	 * else the stored image.
	 */
	private byte[] source(AvatarImage.Version version, int size) {
		if (version.renditions()) {
			for (int i = AvatarRendition.SIDES.length - 1; i >= 0; i--) {
				int side = AvatarRendition.SIDES[i];
				if (side >= SOURCE_MARGIN * size && !version.fits(side)) {
					return rendition(version.hash(), side);
				}
			}
		}
		return jpeg(version.hash());
	}

	private static boolean isRendition(int size) {
		for (int side : AvatarRendition.SIDES) {
			if (side == size) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The stored rendition of {@code side} pixels: read once (no image work, so neither
	 * slot nor budget) and kept with the resized variants.
	 */
	private byte[] rendition(String hash, int side) {
		return this.variants.load(new VariantKey(hash, side, false),
				() -> inTurn(() -> this.avatars.findRendition(hash, side)).orElseThrow(AvatarNotFoundException::new));
	}

	/**
	 * Keeps the JPEG of a found image (when the lookup read it: not for a size it does
	 * not fit, nor for a WebP answer that has its WebP) by hash, the made image it read
	 * for the answer (the rendition of {@code size}, or the stored WebP) with the others,
	 * and its version (header values formatted once) by lookup.
	 */
	private Optional<AvatarImage.Version> version(Optional<StoredImage> found, Integer size, boolean webp) {
		Optional<AvatarImage.Version> version = found.map(image -> AvatarImage.Version.of(image.hash(),
				image.lastModified(), image.width(), image.height(), image.renditions() > 0, image.webp()));
		found.filter(image -> image.jpeg() != null).ifPresent(image -> this.images.put(image.hash(), image.jpeg()));
		found.filter(image -> image.variant() != null).ifPresent(image -> {
			// the size it is made for: 0 when the stored image fits (as webp() asks)
			int made = (size == null || version.get().fits(size)) ? 0 : size;
			this.variants.cache().put(new VariantKey(image.hash(), made, webp), image.variant());
		});
		return version;
	}

	/**
	 * A statement of the read path (a lookup, or the bytes a cached lookup needs again
	 * once its cache let them go) in one of the turns; refused with a 503 when none came
	 * in time (a database that fails still fails as such).
	 */
	private <T> T inTurn(Supplier<T> lookup) {
		try {
			return this.lookupTurns.run(lookup);
		}
		catch (TurnTimeoutException ex) {
			throw new AvatarLookupsBusyException();
		}
	}

	/**
	 * The stored JPEG of {@code hash}: immutable, so read again without coalescing when
	 * its cache let it go, outside the cache's locks (a wait for a turn holds up no other
	 * hash).
	 */
	private byte[] jpeg(String hash) {
		byte[] cached = this.images.getIfPresent(hash);
		if (cached != null) {
			return cached;
		}
		byte[] jpeg = inTurn(() -> this.avatars.findJpeg(hash)).orElseThrow(AvatarNotFoundException::new);
		this.images.put(hash, jpeg);
		return jpeg;
	}

	@Override
	public Map<String, Cache<?, ?>> monitoredCaches() {
		return Map.of("avatar.refs", this.refsByUsername.cache(), "avatar.hashes", this.shownHashes.cache(),
				"avatar.images", this.images, "avatar.variants", this.variants.cache());
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

	/**
	 * A made image: an avatar's hash, the size it fits (0: the stored size) and whether
	 * it is a WebP.
	 */
	private record VariantKey(String hash, int size, boolean webp) {
	}

}
