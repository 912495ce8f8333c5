package dev.facecard.avatar.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebpEncoding}: libwebp encodes, and its native reader never decodes an upload.
 */
class WebpEncodingTest {

	@Test
	void encodesALossyWebpOfTheImagesSize() {
		byte[] webp = WebpEncoding.encode(TestImages.halves(120, 80, Color.RED, Color.BLUE), 0.9f);

		BufferedImage decoded = TestImages.decode(webp);
		assertThat(decoded.getWidth()).isEqualTo(120);
		assertThat(decoded.getHeight()).isEqualTo(80);
		assertThat(TestImages.near(decoded.getRGB(10, 40), Color.RED, 40)).isTrue();
		assertThat(TestImages.near(decoded.getRGB(110, 40), Color.BLUE, 40)).isTrue();
	}

	@Test
	void uploadsAreNeverDecodedByTheNativeReader() {
		new AvatarImageNormalizer(40_000_000, 1024, 0.9f);
		ImageIO.scanForPlugins();
		WebpEncoding.deregisterNativeReader();

		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("webp");
		assertThat(readers.hasNext()).as("TwelveMonkeys' reader").isTrue();
		readers.forEachRemaining(reader -> assertThat(WebpEncoding.isNative(reader.getClass())).isFalse());
	}

}
