package dev.facecard.avatar;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.facecard.support.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** The normalisation steps as pure functions. */
class AvatarImageNormalizerTest {

	/** A 3×2 image whose pixels are numbered 1..6 row by row: 1 2 3 / 4 5 6. */
	private static BufferedImage numbered() {
		BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 2; y++) {
			for (int x = 0; x < 3; x++) {
				image.setRGB(x, y, y * 3 + x + 1);
			}
		}
		return image;
	}

	private static String rows(BufferedImage image) {
		StringBuilder rows = new StringBuilder();
		for (int y = 0; y < image.getHeight(); y++) {
			rows.append(y > 0 ? "/" : "");
			for (int x = 0; x < image.getWidth(); x++) {
				rows.append(image.getRGB(x, y) & 0xFFFFFF);
			}
		}
		return rows.toString();
	}

	@ParameterizedTest(name = "orientation {0}")
	@CsvSource({ "1, 123/456", "2, 321/654", "3, 654/321", "4, 456/123", "5, 14/25/36", "6, 41/52/63",
			"7, 63/52/41", "8, 36/25/14" })
	void everyExifOrientationIsTurnedUpright(int orientation, String upright) {
		// EXIF 2.3: the stored image 123/456 shown with orientation n must look like `upright`
		assertThat(rows(AvatarImageNormalizer.orient(numbered(), orientation))).isEqualTo(upright);
	}

	@Test
	void transparentPixelsBecomeWhiteAndOpaqueOnesStay() {
		BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
		argb.setRGB(0, 0, 0x00FF0000); // fully transparent red
		argb.setRGB(1, 0, 0xFF0000FF); // opaque blue

		BufferedImage flat = AvatarImageNormalizer.flattenOntoWhite(argb);

		assertThat(flat.getColorModel().hasAlpha()).isFalse();
		assertThat(flat.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
		assertThat(flat.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x0000FF);
	}

	@Test
	void scalingFitsTheLargerSideAndNeverEnlarges() {
		BufferedImage wide = new BufferedImage(2000, 500, BufferedImage.TYPE_INT_RGB);
		BufferedImage scaled = AvatarImageNormalizer.scaleToFit(wide, 1024);
		assertThat(scaled.getWidth()).isEqualTo(1024);
		assertThat(scaled.getHeight()).isEqualTo(256);

		BufferedImage small = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
		assertThat(AvatarImageNormalizer.scaleToFit(small, 1024)).isSameAs(small);
	}

	@Test
	void subsamplingKeepsAtLeastTwiceTheTargetSize() {
		assertThat(AvatarImageNormalizer.subsamplingStep(1000, 1024)).isEqualTo(1);
		assertThat(AvatarImageNormalizer.subsamplingStep(4095, 1024)).isEqualTo(1);
		assertThat(AvatarImageNormalizer.subsamplingStep(4096, 1024)).isEqualTo(2);
		assertThat(AvatarImageNormalizer.subsamplingStep(20000, 1024)).isEqualTo(9);
		assertThat(20000 / 9).isGreaterThanOrEqualTo(2 * 1024);
	}

	@Test
	void exifOrientationIsReadAndMissingExifMeansUpright() {
		byte[] jpeg = TestImages.encode(TestImages.noise(10, 10, 1), "jpeg");
		assertThat(AvatarImageNormalizer.exifOrientation(jpeg)).isEqualTo(1);
		assertThat(AvatarImageNormalizer.exifOrientation(TestImages.withExif(jpeg, 8))).isEqualTo(8);
		assertThat(AvatarImageNormalizer.exifOrientation(new byte[] { 1, 2, 3 })).isEqualTo(1);
	}

	@Test
	void outputIsABaselineJpegWithoutExifWhoseHashIsItsSha256() {
		AvatarImageNormalizer normalizer = new AvatarImageNormalizer(40_000_000, 1024, 0.9f);
		byte[] upload = TestImages.withExif(TestImages.encode(TestImages.halves(64, 32, Color.RED, Color.BLUE), "jpeg"),
				1);

		AvatarImageNormalizer.NormalizedImage image = normalizer.normalize(upload);

		assertThat(image.hash()).isEqualTo(dev.facecard.system.Sha256.hex(image.jpeg()));
		assertThat(image.width()).isEqualTo(64);
		assertThat(image.height()).isEqualTo(32);
		assertThat(image.jpeg()).startsWith(0xFF, 0xD8);
		assertThat(hasMarker(image.jpeg(), 0xC0)).as("baseline SOF0").isTrue();
		assertThat(hasMarker(image.jpeg(), 0xC2)).as("progressive SOF2").isFalse();
		assertThat(hasMarker(image.jpeg(), 0xE1)).as("APP1 (EXIF/XMP)").isFalse();
		assertThat(normalizer.normalize(upload).jpeg()).isEqualTo(image.jpeg());
	}

	/** Whether the JPEG has a marker segment 0xFF{marker} before its scan data. */
	private static boolean hasMarker(byte[] jpeg, int marker) {
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
			int type = jpeg[at + 1] & 0xFF;
			if (type == marker) {
				return true;
			}
			if (type == 0xDA) {
				return false;
			}
			at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
		}
		return false;
	}

}
