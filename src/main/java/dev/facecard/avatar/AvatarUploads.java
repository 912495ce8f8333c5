package dev.facecard.avatar;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import dev.facecard.app.AppScope;
import dev.facecard.avatar.image.AvatarImageNormalizer;
import dev.facecard.avatar.image.AvatarImageNormalizer.NormalizedImage;
import dev.facecard.avatar.image.AvatarImageNormalizer.Rendition;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.Sha256;
import dev.facecard.shared.web.RequestBodies;
import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.shared.web.error.PayloadTooLargeException;
import dev.facecard.user.UserChanged;
import dev.facecard.user.UserService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write path of avatars: reads an upload under its limits, normalises it under a
 * decode bound, stores the image content-addressed (with its renditions) and makes it the
 * user's avatar; removes avatars, and images nobody shows any more. Owns the
 * {@code avatars} table's writes and {@code facecard.avatar.uploads}.
 */
@Service
public class AvatarUploads {

	private static final Logger log = LoggerFactory.getLogger(AvatarUploads.class);

	private final AvatarRepository avatars;

	private final UserService users;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final AvatarImageNormalizer normalizer;

	private final long maxUploadBytes;

	private final Duration bodyDeadline;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	/**
	 * One concurrent decode per 512 MB of heap (at least one), so uploads cannot add up
	 * to an out-of-memory.
	 */
	private final Semaphore decodeSlots = new Semaphore(
			(int) Math.max(1, Runtime.getRuntime().maxMemory() / (512L * 1024 * 1024)));

	AvatarUploads(AvatarRepository avatars, UserService users, PlatformTransactionManager transactionManager,
			Clock clock, FacecardProperties properties, ApplicationEventPublisher events, MeterRegistry meters,
			WebpEncoder webp) {
		this.avatars = avatars;
		this.users = users;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.events = events;
		this.meters = meters;
		FacecardProperties.Avatar settings = properties.avatar();
		this.normalizer = new AvatarImageNormalizer(settings.maxPixels(), settings.maxDimension(),
				settings.jpegQuality(), AvatarRendition.SIDES, webp::encodeOrNull);
		this.maxUploadBytes = settings.maxUploadSize().toBytes();
		this.bodyDeadline = properties.deadlines().body();
	}

	/**
	 * Normalises an upload and makes it the user's avatar. Decoding happens outside any
	 * transaction; a refused upload changes nothing.
	 */
	public StoredAvatar replace(String userId, InputStream body, long declaredLength, AppScope scope)
			throws IOException {
		this.users.requireExists(scope, userId);
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
			store(image, now);
			return published(this.users.changeAvatar(userId, image.hash(), now, scope));
		});
		change.avatarHashes().forEach(hash -> deleteIfUnused(hash, image.hash()));
		return new StoredAvatar(image.hash(), image.width(), image.height());
	}

	/**
	 * An avatar of a bulk import ({@code POST /admin/users/import}), normalised like an
	 * upload, outside any transaction; {@link #store(Collection)} stores it with the
	 * batch it belongs to. Bytes that are exactly a stored avatar (what the export of
	 * this instance gives) are that avatar, kept as they are: normalising them again
	 * would re-encode the JPEG.
	 */
	public ImportedAvatar prepare(byte[] image) throws IOException {
		if (image.length == 0) {
			throw new InvalidRequestException("'avatar' is empty; send the image bytes in base64.");
		}
		if (image.length > this.maxUploadBytes) {
			countUpload("refused-too-large");
			throw new PayloadTooLargeException("Images of at most " + this.maxUploadBytes + " bytes are accepted.");
		}
		String hash = Sha256.hex(image);
		if (this.avatars.existsByHash(hash)) {
			return new ImportedAvatar(hash, null);
		}
		try {
			NormalizedImage normalized = normalize(image);
			return new ImportedAvatar(normalized.hash(), normalized);
		}
		catch (InvalidRequestException ex) {
			countUpload("refused-invalid");
			throw ex;
		}
	}

	/** Stores the images of a batch of the bulk import, in the caller's transaction. */
	@Transactional
	public void store(Collection<ImportedAvatar> images) {
		Instant now = this.clock.instant();
		images.stream().filter(image -> image.image() != null).forEach(image -> store(image.image(), now));
	}

	/**
	 * Drops, after the commit of a bulk import's batch, the images its users stopped
	 * showing.
	 */
	public void deleteIfUnused(Collection<String> previous, Collection<String> current) {
		previous.stream().filter(hash -> !current.contains(hash)).forEach(hash -> deleteIfUnused(hash, null));
	}

	/** The bytes of a stored avatar (for the export of users). */
	public Optional<byte[]> jpeg(String hash) {
		return this.avatars.findJpeg(hash);
	}

	private void store(NormalizedImage image, Instant now) {
		int inserted = this.avatars.insertIfAbsent(image.hash(), image.jpeg(), image.webp(), image.width(),
				image.height(), now);
		if (inserted > 0) {
			// only with a new image: one stored without renditions stays resized from
			// its full bytes, so that a size's bytes (and strong ETag) never change
			for (Rendition rendition : image.renditions()) {
				this.avatars.insertRenditionIfAbsent(image.hash(), rendition.side(), rendition.jpeg(), rendition.webp(),
						rendition.width(), rendition.height());
			}
		}
		countUpload("stored");
	}

	/** Removes the user's avatar; removing a missing avatar is not an error. */
	public void remove(String userId, AppScope scope) {
		UserChanged change = this.transaction
			.execute(status -> published(this.users.changeAvatar(userId, null, this.clock.instant(), scope)));
		change.avatarHashes().forEach(hash -> deleteIfUnused(hash, null));
	}

	/**
	 * Published in the writing transaction, so that other instances are notified with its
	 * commit (this one evicts after it).
	 */
	private UserChanged published(UserChanged change) {
		this.events.publishEvent(change);
		return change;
	}

	/**
	 * Decodes with at most {@link #decodeSlots} uploads at once: an image within
	 * {@code max-pixels} may still take a few hundred MB while it decodes, and uploads
	 * are rare enough to wait for a slot.
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
	 * Drops the previous image once nobody shows it. Best effort, after the commit:
	 * another user may take the same image at the same moment, and then it stays.
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

	/**
	 * An avatar of the bulk import: its hash, and the image to store (null when it is
	 * stored already).
	 */
	public record ImportedAvatar(String hash, NormalizedImage image) {

		/** Bytes the image holds in memory until its batch is written. */
		public long bytes() {
			return (this.image == null) ? 0 : this.image.bytes();
		}

	}

	/** What an upload stored: the content hash and the stored dimensions. */
	public record StoredAvatar(String hash, int width, int height) {
	}

}
