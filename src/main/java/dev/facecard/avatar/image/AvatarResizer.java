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
 * The one step of a resize on the read path: a stored avatar (a baseline JPEG this
 * service wrote) scaled down to fit {@code size}×{@code size}. Decoding keeps only every
 * n-th pixel, down to about twice the target, and Lanczos ({@link Lanczos3}) does the
 * rest: a 1024-pixel avatar resized to 64 never holds more than a 128×128 raster, and the
 * largest sizes hold the stored one and a float copy of it (about 20 MB at 1024 pixels;
 * see {@link ImageWork}). Kept apart so a faster resize (DCT-domain decoding, renditions
 * made at upload) can take its place. Thread-safe.
 */
public final class AvatarResizer {

	private final float jpegQuality;

	public AvatarResizer(float jpegQuality) {
		this.jpegQuality = jpegQuality;
	}

	/**
	 * The stored JPEG scaled to fit {@code size}; the same bytes when it fits already
	 * (never upscaled).
	 */
	public byte[] fitWithin(byte[] storedJpeg, int size) {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(storedJpeg))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new IllegalStateException("No reader for a stored avatar");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int storedWidth = reader.getWidth(0);
				int storedHeight = reader.getHeight(0);
				int largest = Math.max(storedWidth, storedHeight);
				if (largest <= size) {
					return storedJpeg;
				}
				ImageReadParam param = reader.getDefaultReadParam();
				int step = AvatarImageNormalizer.subsamplingStep(largest, size);
				if (step > 1) {
					param.setSourceSubsampling(step, step, 0, 0);
				}
				BufferedImage decoded = reader.read(0, param);
				// the size follows from the stored dimensions (as if decoded whole),
				// whatever the step
				double scale = (double) size / largest;
				int width = Math.max(1, (int) Math.round(storedWidth * scale));
				int height = Math.max(1, (int) Math.round(storedHeight * scale));
				// stored avatars are opaque sRGB: nothing to flatten
				return AvatarImageNormalizer.encodeJpeg(Lanczos3.scale(decoded, width, height), this.jpegQuality);
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
