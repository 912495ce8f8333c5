package dev.facecard.avatar.image;

import java.awt.Color;
import java.awt.image.BufferedImage;

import dev.facecard.avatar.image.AvatarImageNormalizer;
import dev.facecard.avatar.image.AvatarResizer;
import dev.facecard.avatar.image.Lanczos3;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resize step of the read path: right sizes, the stored bytes when nothing is to do,
 * Lanczos quality.
 */
class AvatarResizerTest {

	private final AvatarResizer resizer = new AvatarResizer(0.9f);

	@Test
	void scalesToFitTheSquareKeepingTheAspectAndTheColours() {
		byte[] stored = AvatarImageNormalizer.encodeJpeg(
				AvatarImageNormalizer.flattenOntoWhite(TestImages.halves(300, 200, Color.RED, Color.BLUE)), 0.9f);

		BufferedImage image = TestImages.decode(this.resizer.fitWithin(stored, 64));

		assertThat(image.getWidth()).isEqualTo(64);
		assertThat(image.getHeight()).isEqualTo(43);
		assertThat(TestImages.near(image.getRGB(10, 20), Color.RED, 40)).isTrue();
		assertThat(TestImages.near(image.getRGB(54, 20), Color.BLUE, 40)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 16, 64, 100, 255, 256, 500, 1000, 1023 })
	void aLargeAvatarComesOutAtExactlyTheAskedSize(int size) {
		byte[] stored = AvatarImageNormalizer.encodeJpeg(TestImages.noise(1024, 1024, 3), 0.9f);

		BufferedImage image = TestImages.decode(this.resizer.fitWithin(stored, size));

		assertThat(image.getWidth()).isEqualTo(size);
		assertThat(image.getHeight()).isEqualTo(size);
	}

	@Test
	void anAvatarThatFitsIsItsOwnBytes() {
		byte[] stored = AvatarImageNormalizer.encodeJpeg(TestImages.noise(200, 120, 4), 0.9f);

		assertThat(this.resizer.fitWithin(stored, 200)).isSameAs(stored);
	}

	@Test
	void decodingIsSubsampledDownToAboutTwiceTheTarget() {
		// 128×128 decoded
		assertThat(AvatarImageNormalizer.subsamplingStep(1024, 64)).isEqualTo(8);
		assertThat(AvatarImageNormalizer.subsamplingStep(1024, 100)).isEqualTo(5); // 205×205
		// 2× would be under 600
		assertThat(AvatarImageNormalizer.subsamplingStep(1024, 300)).isEqualTo(1);
	}

	/**
	 * The same filter as the upload path's {@code ResampleOp}: the levels agree on
	 * average within one in 255, and almost everywhere within a few. Noise, the worst
	 * case, differs a little more often: ResampleOp clips the overshoot of its first pass
	 * to 0–255, Lanczos3 keeps it to the end.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1000, 784, 300, 100, 33 })
	void lanczosMatchesTheUploadPathsResampling(int size) {
		assertCloseTo(TestImages.photoLike(1024, 768, 5), size, 0.01);
		assertCloseTo(TestImages.noise(1024, 768, 6), size, 0.05);
	}

	private static void assertCloseTo(BufferedImage source, int size, double farShare) {
		BufferedImage reference = AvatarImageNormalizer.scaleToFit(source, size);
		BufferedImage ours = Lanczos3.scale(source, reference.getWidth(), reference.getHeight());

		long total = 0;
		long far = 0;
		int samples = 0;
		for (int y = 0; y < reference.getHeight(); y++) {
			for (int x = 0; x < reference.getWidth(); x++) {
				int a = reference.getRGB(x, y);
				int b = ours.getRGB(x, y);
				for (int shift = 0; shift < 24; shift += 8) {
					int difference = Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
					total += difference;
					far += (difference > 4) ? 1 : 0;
					samples++;
				}
			}
		}
		assertThat((double) total / samples).as("mean difference at %d", size).isLessThan(1.0);
		assertThat((double) far / samples).as("share off by more than 4 at %d", size).isLessThan(farShare);
	}

}
