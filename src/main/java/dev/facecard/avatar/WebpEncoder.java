package dev.facecard.avatar;

import java.awt.image.BufferedImage;

import dev.facecard.avatar.image.WebpEncoding;
import dev.facecard.shared.config.FacecardProperties;

import org.springframework.stereotype.Component;

/**
 * WebP answers' encoder, at {@code facecard.avatar.webp-quality}: a bean of its own so
 * that its failure can be tested.
 */
@Component
class WebpEncoder {

	private final float quality;

	WebpEncoder(FacecardProperties properties) {
		this.quality = properties.avatar().webpQuality();
	}

	byte[] encode(BufferedImage image) {
		return WebpEncoding.encode(image, this.quality);
	}

}
