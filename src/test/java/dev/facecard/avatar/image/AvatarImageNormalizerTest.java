package dev.facecard.avatar.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import dev.facecard.avatar.image.AvatarImageNormalizer;
import dev.facecard.avatar.image.ImageHeaders;
import dev.facecard.avatar.image.InvalidImageException;
import dev.facecard.support.CraftedImages;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.ErrorResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The normalisation steps as pure functions, and what hostile uploads cost. */
class AvatarImageNormalizerTest {

	/** The defaults of facecard.avatar: 40 megapixels, 1024 a side. */
	private static final AvatarImageNormalizer NORMALIZER = new AvatarImageNormalizer(40_000_000, 1024, 0.9f);

	/**
	 * What refusing a bomb may allocate: reading headers takes under a megabyte. Decoding
	 * what they declare would take hundreds of megabytes (the 40000000×1 PNG's row
	 * buffers: 470 MB) to gigabytes.
	 */
	private static final long HEADER_BUDGET = 4L * 1024 * 1024;

	@BeforeAll
	static void warmUp() {
		// ImageIO's plugin registry and the codecs' tables are allocated once per JVM,
		// not per upload
		NORMALIZER.normalize(TestImages.encode(TestImages.noise(8, 8, 1), "png"));
		NORMALIZER.normalize(TestImages.encode(TestImages.noise(8, 8, 1), "jpeg"));
		NORMALIZER.normalize(TestImages.encode(TestImages.noise(8, 8, 1), "gif"));
		NORMALIZER.normalize(TestImages.resource("green-blue-transparent-bottom.webp"));
	}

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
	@CsvSource({ "1, 123/456", "2, 321/654", "3, 654/321", "4, 456/123", "5, 14/25/36", "6, 41/52/63", "7, 63/52/41",
			"8, 36/25/14" })
	void everyExifOrientationIsTurnedUpright(int orientation, String upright) {
		// EXIF 2.3: the stored image 123/456 shown with orientation n must look like
		// `upright`
		assertThat(rows(AvatarImageNormalizer.orient(numbered(), orientation))).isEqualTo(upright);
	}

	@Test
	void webpsAreMadeOfTheImageAndEachRenditionOrOfNone() {
		byte[] upload = TestImages.encode(TestImages.noise(300, 200, 3), "png");
		AvatarImageNormalizer.NormalizedImage all = new AvatarImageNormalizer(40_000_000, 1024, 0.9f,
				new int[] { 256, 64 }, pixels -> new byte[] { (byte) pixels.getWidth() })
			.normalize(upload);
		assertThat(all.webp()).containsExactly((byte) 300);
		assertThat(all.renditions()).extracting(r -> r.webp()[0]).containsExactly((byte) 256, (byte) 64);

		// the 64-pixel rendition's encoding fails: no WebP is kept at all
		AvatarImageNormalizer.NormalizedImage none = new AvatarImageNormalizer(40_000_000, 1024, 0.9f,
				new int[] { 256, 64 }, pixels -> (pixels.getWidth() == 64) ? null : new byte[] { 1 })
			.normalize(upload);
		assertThat(none.webp()).isNull();
		assertThat(none.renditions()).hasSize(2).allSatisfy(rendition -> {
			assertThat(rendition.webp()).isNull();
			assertThat(rendition.jpeg()).isNotEmpty();
		});
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
		assertThat(ImageHeaders.exifOrientation(jpeg)).isEqualTo(1);
		assertThat(ImageHeaders.exifOrientation(TestImages.withExif(jpeg, 8))).isEqualTo(8);
		assertThat(ImageHeaders.exifOrientation(new byte[] { 1, 2, 3 })).isEqualTo(1);
	}

	@Test
	void exifOrientationIsReadFromPngAndWebpInEitherByteOrder() {
		byte[] png = TestImages.encode(TestImages.noise(10, 10, 1), "png");
		assertThat(ImageHeaders.exifOrientation(png)).isEqualTo(1);
		assertThat(ImageHeaders
			.exifOrientation(CraftedImages.pngWithExif(png, CraftedImages.tiffWithOrientation(6, true)))).isEqualTo(6);
		assertThat(ImageHeaders
			.exifOrientation(CraftedImages.pngWithExif(png, CraftedImages.tiffWithOrientation(3, false)))).isEqualTo(3);
		byte[] tiff = CraftedImages.tiffWithOrientation(8, true);
		assertThat(ImageHeaders.exifOrientation(CraftedImages.webp(CraftedImages.vp8x(10, 10, false),
				CraftedImages.vp8l(10, 10), CraftedImages.riffChunk("EXIF", tiff))))
			.isEqualTo(8);
		byte[] withPreamble = new byte[6 + tiff.length];
		System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, withPreamble, 0, 6);
		System.arraycopy(tiff, 0, withPreamble, 6, tiff.length);
		assertThat(ImageHeaders.exifOrientation(CraftedImages.webp(CraftedImages.vp8x(10, 10, false),
				CraftedImages.vp8l(10, 10), CraftedImages.riffChunk("EXIF", withPreamble))))
			.isEqualTo(8);
	}

	@Test
	void headerReadingNeverThrowsOnDamagedFiles() {
		// the header walkers run before any decoder and outside its error handling:
		// damage must not escape
		byte[] png = TestImages.encode(TestImages.noise(10, 10, 1), "png");
		byte[][] samples = { TestImages.withExif(TestImages.encode(TestImages.noise(10, 10, 1), "jpeg"), 6),
				CraftedImages.pngWithExif(png, CraftedImages.tiffWithOrientation(6, true)),
				CraftedImages.webp(CraftedImages.vp8x(10, 10, true), CraftedImages.anim(),
						CraftedImages.anmf(10, 10, CraftedImages.vp8(10, 10)),
						CraftedImages.riffChunk("EXIF", CraftedImages.tiffWithOrientation(6, false))),
				CraftedImages.gif(10, 10, 10, 10) };
		Random random = new Random(42);
		for (byte[] sample : samples) {
			for (int round = 0; round < 2000; round++) {
				byte[] damaged = Arrays.copyOf(sample, 1 + random.nextInt(sample.length));
				for (int flips = random.nextInt(8); flips >= 0; flips--) {
					damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
				}
				assertThat(ImageHeaders.exifOrientation(damaged)).isBetween(1, 8);
				assertThat(ImageHeaders.declaredSizes(damaged))
					.allSatisfy(size -> assertThat(size.width()).isNotNegative());
			}
		}
	}

	@Test
	void pngExifOrientationTurnsThePixelsUpright() {
		byte[] png = TestImages.encode(TestImages.halves(60, 20, Color.RED, Color.BLUE), "png");

		AvatarImageNormalizer.NormalizedImage image = NORMALIZER
			.normalize(CraftedImages.pngWithExif(png, CraftedImages.tiffWithOrientation(6, false)));

		assertThat(image.width()).isEqualTo(20);
		assertThat(image.height()).isEqualTo(60);
		BufferedImage upright = TestImages.decode(image.jpeg());
		assertThat(TestImages.near(upright.getRGB(10, 5), Color.RED, 40)).isTrue();
		assertThat(TestImages.near(upright.getRGB(10, 55), Color.BLUE, 40)).isTrue();
	}

	static Stream<Arguments> bombs() {
		return Stream.of(Arguments.of("PNG 30000×30000, 1 bit", TestImages.hugeBlankPng(30000, 30000), "30000×30000"),
				// within 40 megapixels, but one row of 160 MB that PNG decoders buffer
				// two or three times
				Arguments.of("PNG 40000000×1, RGBA", CraftedImages.blankPng(40_000_000, 1, 8, 6, 160_000_000L),
						"40000000×1"),
				Arguments.of("GIF frame 65535×65535", CraftedImages.gif(10, 10, 65535, 65535), "65535×65535"),
				Arguments.of("GIF screen 65535×65535", CraftedImages.gif(65535, 65535, 10, 10), "65535×65535"),
				Arguments.of("WebP VP8 16383×16383", CraftedImages.webp(CraftedImages.vp8(16383, 16383)),
						"16383×16383"),
				Arguments.of("WebP VP8L 16383×16383", CraftedImages.webp(CraftedImages.vp8l(16383, 16383)),
						"16383×16383"),
				Arguments.of("WebP VP8X 16383×16383",
						CraftedImages.webp(CraftedImages.vp8x(16383, 16383, false), CraftedImages.vp8l(16383, 16383)),
						"16383×16383"),
				// the canvas is small; the VP8 decoder sizes its buffers by the
				// bitstream's own header
				Arguments.of("WebP VP8X 10×10 around VP8 16383×16383",
						CraftedImages.webp(CraftedImages.vp8x(10, 10, false), CraftedImages.vp8(16383, 16383)),
						"16383×16383"),
				Arguments.of("animated WebP, frame 16383×16383",
						CraftedImages.webp(CraftedImages.vp8x(10, 10, true), CraftedImages.anim(),
								CraftedImages.anmf(16383, 16383, CraftedImages.vp8l(16383, 16383))),
						"16383×16383"),
				Arguments.of("animated WebP, frame 10×10 around VP8 16383×16383",
						CraftedImages.webp(CraftedImages.vp8x(10, 10, true), CraftedImages.anim(),
								CraftedImages.anmf(10, 10, CraftedImages.vp8(16383, 16383))),
						"16383×16383"),
				Arguments.of("JPEG 65500×65500", CraftedImages.jpegDeclaring(65500, 65500), "65500×65500"),
				Arguments.of("BMP RLE8 30000×30000", CraftedImages.bmpRle8(30000, 30000), "30000×30000"),
				Arguments.of("BMP RLE8 40000000×1", CraftedImages.bmpRle8(40_000_000, 1), "40000000×1"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bombs")
	void decompressionBombsAreRefusedFromTheirHeadersWithoutAllocatingTheirPixels(String name, byte[] bomb,
			String declared) {
		assertThat(bomb.length).as("a small file").isLessThan(1024 * 1024);

		long allocated = allocatedBy(
				() -> assertThatThrownBy(() -> NORMALIZER.normalize(bomb)).isInstanceOf(InvalidImageException.class)
					.satisfies(ex -> assertThat(((ErrorResponse) ex).getBody().getDetail()).contains(declared)));

		assertThat(allocated).as("bytes allocated refusing " + name).isLessThan(HEADER_BUDGET);
	}

	@Test
	void aPngWhoseCommentInflatesToGigabytesIsStoredWithoutInflatingIt() {
		// 3 GiB of text in a 3 MB zTXt chunk: a metadata reader that inflates it runs out
		// of heap
		byte[] png = CraftedImages.pngWithCompressedComment(
				TestImages.encode(TestImages.halves(8, 8, Color.RED, Color.RED), "png"), 3L << 30);
		assertThat(png.length).isLessThan(5 * 1024 * 1024);

		AvatarImageNormalizer.NormalizedImage[] image = new AvatarImageNormalizer.NormalizedImage[1];
		long allocated = allocatedBy(() -> image[0] = NORMALIZER.normalize(png));

		// the upload passes through a stream buffer or two; inflating the comment would
		// take gigabytes
		assertThat(allocated).isLessThan(16L * 1024 * 1024);
		assertThat(image[0].width()).isEqualTo(8);
		assertThat(TestImages.near(TestImages.decode(image[0].jpeg()).getRGB(4, 4), Color.RED, 8)).isTrue();
		assertThat(new String(image[0].jpeg(), StandardCharsets.ISO_8859_1)).doesNotContain("AAAA");
	}

	@Test
	void sidesLongerThanAnyJpegOrGifCanHaveAreRefusedWhateverThePixelCount() {
		byte[] wide = CraftedImages.blankPng(AvatarImageNormalizer.MAX_SIDE + 1, 1, 8, 0,
				AvatarImageNormalizer.MAX_SIDE + 1);
		byte[] tall = CraftedImages.blankPng(1, AvatarImageNormalizer.MAX_SIDE + 1, 8, 0, 1);

		for (byte[] image : new byte[][] { wide, tall }) {
			assertThatThrownBy(() -> NORMALIZER.normalize(image)).isInstanceOf(InvalidImageException.class)
				.satisfies(ex -> assertThat(((ErrorResponse) ex).getBody().getDetail())
					.contains("at most 65535 pixels a side"));
		}
		assertThat(NORMALIZER
			.normalize(CraftedImages.blankPng(AvatarImageNormalizer.MAX_SIDE, 1, 8, 0, AvatarImageNormalizer.MAX_SIDE))
			.width()).isEqualTo(1024);
	}

	/**
	 * Heap bytes the current thread allocated running {@code action} (HotSpot counts them
	 * per thread).
	 */
	private static long allocatedBy(Runnable action) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		action.run();
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

	@Test
	void outputIsABaselineJpegWithoutExifWhoseHashIsItsSha256() {
		AvatarImageNormalizer normalizer = new AvatarImageNormalizer(40_000_000, 1024, 0.9f);
		byte[] upload = TestImages.withExif(TestImages.encode(TestImages.halves(64, 32, Color.RED, Color.BLUE), "jpeg"),
				1);

		AvatarImageNormalizer.NormalizedImage image = normalizer.normalize(upload);

		assertThat(image.hash()).isEqualTo(dev.facecard.shared.data.Sha256.hex(image.jpeg()));
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
