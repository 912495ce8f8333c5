package dev.facecard.avatar.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one step of a resize on the read path: a JPEG this service wrote (a stored avatar,
 * or one of its smaller renditions) scaled down. Decoding keeps only every n-th pixel,
 * down to about twice the target, and Lanczos ({@link Lanczos3}) does the rest: a
 * 1024-pixel avatar resized to 64 never holds more than a 128×128 raster, and the largest
 * sizes hold the stored one and a float copy of it (about 20 MB at 1024 pixels; see
 * {@code ImageWork}). Thread-safe.
 */
public final class AvatarResizer {

	private final float jpegQuality;

	public AvatarResizer(float jpegQuality) {
		this.jpegQuality = jpegQuality;
	}

	/**
	 * The dimensions of a {@code width}×{@code height} image scaled to fit
	 * {@code size}×{@code size} (never up): {width, height}.
	 */
	public static int[] fit(int width, int height, int size) {
		int largest = Math.max(width, height);
		if (largest <= size) {
			return new int[] { width, height };
		}
		double scale = (double) size / largest;
		return new int[] { Math.max(1, (int) Math.round(width * scale)),
				Math.max(1, (int) Math.round(height * scale)) };
	}

	/**
	 * The stored JPEG scaled to fit {@code size}; the same bytes when it fits already
	 * (never upscaled).
	 */
	public byte[] fitWithin(byte[] storedJpeg, int size) {
		return decodeAndScale(storedJpeg, size);
	}

	/**
	 * {@code sourceJpeg} (a stored avatar or a rendition of it) scaled to exactly
	 * {@code width}×{@code height}, which the caller computes from the stored avatar's
	 * dimensions ({@link #fit}), so that every source gives the same dimensions.
	 */
	public byte[] scale(byte[] sourceJpeg, int width, int height) {
		return AvatarImageNormalizer.encodeJpeg(pixels(sourceJpeg, width, height), this.jpegQuality);
	}

	/**
	 * The pixels of {@code sourceJpeg} at {@code width}×{@code height}: decoded as they
	 * are when that is its size, else scaled as {@link #scale} does.
	 */
	public static BufferedImage pixels(byte[] sourceJpeg, int width, int height) {
		return decodeAndScale(sourceJpeg, Math.max(width, height), new int[] { width, height });
	}

	private byte[] decodeAndScale(byte[] sourceJpeg, int size) {
		BufferedImage scaled = decodeAndScale(sourceJpeg, size, null);
		return (scaled != null) ? AvatarImageNormalizer.encodeJpeg(scaled, this.jpegQuality) : sourceJpeg;
	}

	/**
	 * The source decoded and scaled to {@code target} ({width, height}), or to fit
	 * {@code size} when null (then null when it fits already).
	 */
	private static BufferedImage decodeAndScale(byte[] sourceJpeg, int size, int[] target) {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(sourceJpeg))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new IllegalStateException("No reader for a stored avatar");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int sourceWidth = reader.getWidth(0);
				int sourceHeight = reader.getHeight(0);
				int largest = Math.max(sourceWidth, sourceHeight);
				if (target == null && largest <= size) {
					return null;
				}
				ImageReadParam param = reader.getDefaultReadParam();
				int step = AvatarImageNormalizer.subsamplingStep(largest, size);
				if (step > 1) {
					param.setSourceSubsampling(step, step, 0, 0);
				}
				BufferedImage decoded = reader.read(0, param);
				// the size follows from the source's dimensions (as if decoded whole),
				// whatever the step
				int[] dimensions = (target != null) ? target : fit(sourceWidth, sourceHeight, size);
				if (step == 1 && decoded.getWidth() == dimensions[0] && decoded.getHeight() == dimensions[1]) {
					return decoded;
				}
				// stored avatars are opaque sRGB: nothing to flatten
				return Lanczos3.scale(decoded, dimensions[0], dimensions[1]);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("A stored avatar is a JPEG this service wrote", ex);
		}
	}

}
