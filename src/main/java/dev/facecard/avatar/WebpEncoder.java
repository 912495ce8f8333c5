package dev.facecard.avatar;

import java.awt.image.BufferedImage;

import dev.facecard.avatar.image.WebpEncoding;
import dev.facecard.shared.config.FacecardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * WebP answers' encoder, at {@code facecard.avatar.webp-quality}: a bean of its own so
 * that its failure can be tested.
 */
@Component
class WebpEncoder {

	private static final Logger log = LoggerFactory.getLogger(WebpEncoder.class);

	private final float quality;

	WebpEncoder(FacecardProperties properties) {
		this.quality = properties.avatar().webpQuality();
	}

	byte[] encode(BufferedImage image) {
		return WebpEncoding.encode(image, this.quality);
	}

	/**
	 * The WebP of {@code image}, or null where it cannot be made (libwebp missing on this
	 * platform, or refusing the image): for an upload, which then stores its JPEG only.
	 */
	byte[] encodeOrNull(BufferedImage image) {
		try {
			return encode(image);
		}
		catch (RuntimeException | LinkageError ex) {
			log.debug("WebP encoding failed ({}); the upload is stored without it", ex.getClass().getName());
			return null;
		}
	}

	/**
	 * Loads libwebp once the service is ready, on a thread of its own (a second or more
	 * on a busy machine), rather than in the first WebP request.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void loadLibrary() {
		Thread loader = new Thread(() -> {
			try {
				encode(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB));
			}
			catch (RuntimeException | LinkageError ex) {
				log.warn("WebP encoding is not available here ({}); avatars are answered as JPEG",
						ex.getClass().getName());
			}
		}, "webp-load");
		loader.setDaemon(true);
		loader.start();
	}

}
