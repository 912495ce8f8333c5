package dev.facecard.avatar.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.image.ResampleOp;
import dev.facecard.shared.data.Sha256;

/**
 * Turns an uploaded image into a stored avatar: checks every size its headers declare
 * before decoding, decodes (subsampled when far larger than needed, to bound memory),
 * flattens alpha onto white, scales down to fit {@code maxDimension} (never up), turns it
 * upright by its EXIF orientation and re-encodes it as a baseline sRGB JPEG with no
 * metadata, with its small renditions (each side it does not fit already). Nothing an
 * upload declares (a size, a chunk length, a compressed text) is trusted before it is
 * checked against the limits. Thread-safe.
 */
public class AvatarImageNormalizer {

	/** ImageIO format names of the accepted uploads. */
	private static final Set<String> ACCEPTED_FORMATS = Set.of("jpeg", "png", "gif", "bmp", "webp");

	/**
	 * The longest side accepted, whatever the pixel count: the most JPEG and GIF can
	 * declare. PNG and BMP can declare 2^31 pixels a row, and their decoders buffer whole
	 * rows (subsampling or not): a 40,000,000×1 PNG of 150 KB took half a gigabyte of row
	 * buffers.
	 */
	static final int MAX_SIDE = 65_535;

	static {
		// ImageIO's registry is filled from the class path it saw first; the readers of
		// TwelveMonkeys sit in the application's class loader (a Boot jar), so scan
		// again, leaving out the native WebP reader. Temp files only slow decoding down.
		ImageIO.scanForPlugins();
		WebpEncoding.deregisterNativeReader();
		ImageIO.setUseCache(false);
	}

	private final long maxPixels;

	private final int maxDimension;

	private final float jpegQuality;

	private final int[] renditionSides;

	private final Function<BufferedImage, byte[]> webp;

	public AvatarImageNormalizer(long maxPixels, int maxDimension, float jpegQuality) {
		this(maxPixels, maxDimension, jpegQuality, new int[0], null);
	}

	/**
	 * Also makes a rendition of each of {@code renditionSides} the image does not fit
	 * already, and with {@code webp} (null: none) the WebP of the image and of each
	 * rendition, from the same pixels as their JPEG; {@code webp} answers null where it
	 * cannot encode.
	 */
	public AvatarImageNormalizer(long maxPixels, int maxDimension, float jpegQuality, int[] renditionSides,
			Function<BufferedImage, byte[]> webp) {
		this.maxPixels = maxPixels;
		this.maxDimension = maxDimension;
		this.jpegQuality = jpegQuality;
		this.renditionSides = renditionSides.clone();
		this.webp = (webp != null) ? webp : pixels -> null;
	}

	/**
	 * A normalised avatar: JPEG bytes, their SHA-256 (hex), the WebP of the same pixels
	 * (null when none was made), dimensions, and its renditions.
	 */
	public record NormalizedImage(byte[] jpeg, String hash, byte[] webp, int width, int height,
			List<Rendition> renditions) {

		/** Bytes of every image it holds. */
		public long bytes() {
			return size(this.jpeg) + size(this.webp)
					+ this.renditions.stream()
						.mapToLong(rendition -> size(rendition.jpeg) + size(rendition.webp))
						.sum();
		}

		private static long size(byte[] image) {
			return (image != null) ? image.length : 0;
		}

	}

	/**
	 * The image scaled to fit {@code side}×{@code side}, as a JPEG of the stored quality
	 * and the WebP of the same pixels (null when none was made).
	 */
	public record Rendition(int side, byte[] jpeg, byte[] webp, int width, int height) {
	}

	public NormalizedImage normalize(byte[] upload) {
		BufferedImage decoded = decode(upload);
		BufferedImage image = scaleToFit(flattenOntoWhite(decoded), this.maxDimension);
		image = orient(image, ImageHeaders.exifOrientation(upload));
		byte[] jpeg = encodeJpeg(image, this.jpegQuality);
		byte[] webp = this.webp.apply(image);
		List<Rendition> renditions = renditions(image);
		if (webp == null || renditions.stream().anyMatch(rendition -> rendition.webp() == null)) {
			// all or none: an image is served either from its stored WebPs or by encoding
			// each size from its JPEG, never half and half
			webp = null;
			renditions = renditions.stream()
				.map(rendition -> new Rendition(rendition.side(), rendition.jpeg(), null, rendition.width(),
						rendition.height()))
				.toList();
		}
		return new NormalizedImage(jpeg, Sha256.hex(jpeg), webp, image.getWidth(), image.getHeight(), renditions);
	}

	/**
	 * Scaled from the normalised pixels (not from the lossy JPEG), with the filter and
	 * the dimensions of a resize on the read path.
	 */
	private List<Rendition> renditions(BufferedImage image) {
		List<Rendition> renditions = new ArrayList<>();
		for (int side : this.renditionSides) {
			if (Math.max(image.getWidth(), image.getHeight()) > side) {
				int[] fitted = AvatarResizer.fit(image.getWidth(), image.getHeight(), side);
				BufferedImage scaled = Lanczos3.scale(image, fitted[0], fitted[1]);
				renditions.add(new Rendition(side, encodeJpeg(scaled, this.jpegQuality), this.webp.apply(scaled),
						fitted[0], fitted[1]));
			}
		}
		return List.copyOf(renditions);
	}

	private BufferedImage decode(byte[] upload) {
		// a GIF's screen, a WebP's canvas, frames and bitstreams: the decoders allocate
		// by these too, and some already while reading the header
		for (ImageHeaders.Size declared : ImageHeaders.declaredSizes(upload)) {
			checkSize(declared.width(), declared.height());
		}
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
			ImageReader reader = acceptedReader(input);
			try {
				reader.setInput(input, true, true);
				long width = reader.getWidth(0);
				long height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new InvalidImageException("The image has no pixels.");
				}
				checkSize(width, height);
				ImageReadParam param = reader.getDefaultReadParam();
				int step = subsamplingStep(Math.max(width, height), this.maxDimension);
				if (step > 1) {
					param.setSourceSubsampling(step, step, 0, 0);
				}
				DecodingWarnings warnings = new DecodingWarnings();
				reader.addIIOReadWarningListener(warnings);
				BufferedImage image = reader.read(0, param);
				if (warnings.truncated) {
					throw new InvalidImageException("The image is truncated.");
				}
				return image;
			}
			finally {
				reader.dispose();
			}
		}
		catch (InvalidImageException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// decoders report broken input with all kinds of exceptions; none of them is
			// our bug
			throw new InvalidImageException("The image could not be decoded.");
		}
	}

	private void checkSize(long width, long height) {
		if (width * height > this.maxPixels) {
			throw new InvalidImageException("The image has " + width + "×" + height + " pixels; at most "
					+ this.maxPixels + " pixels are accepted.");
		}
		if (Math.max(width, height) > MAX_SIDE) {
			throw new InvalidImageException("The image is " + width + "×" + height + " pixels; at most " + MAX_SIDE
					+ " pixels a side are accepted.");
		}
	}

	private static ImageReader acceptedReader(ImageInputStream input) {
		if (input != null) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			while (readers.hasNext()) {
				ImageReader reader = readers.next();
				String format = formatOf(reader);
				if (ACCEPTED_FORMATS.contains(format) && !WebpEncoding.isNative(reader.getClass())) {
					return reader;
				}
				reader.dispose();
			}
		}
		throw new InvalidImageException("The body is not a JPEG, PNG, GIF, BMP or WebP image.");
	}

	private static String formatOf(ImageReader reader) {
		try {
			return reader.getFormatName().toLowerCase(Locale.ROOT);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Decodes every n-th pixel when the source is at least twice as large as needed: a
	 * 40-megapixel upload then takes tens of megabytes of heap, not hundreds, and the
	 * final Lanczos pass keeps the quality.
	 */
	static int subsamplingStep(long largestSide, int maxDimension) {
		return (int) Math.max(1, largestSide / (2L * maxDimension));
	}

	/** Copies into opaque 8-bit sRGB, painting transparent areas white. */
	static BufferedImage flattenOntoWhite(BufferedImage source) {
		BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = rgb.createGraphics();
		try {
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
			graphics.drawImage(source, 0, 0, null);
		}
		finally {
			graphics.dispose();
		}
		return rgb;
	}

	static BufferedImage scaleToFit(BufferedImage image, int maxDimension) {
		int largest = Math.max(image.getWidth(), image.getHeight());
		if (largest <= maxDimension) {
			return image;
		}
		double scale = (double) maxDimension / largest;
		int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
		BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		return new ResampleOp(width, height, ResampleOp.FILTER_LANCZOS).filter(image, scaled);
	}

	/**
	 * Applies an EXIF orientation to an {@code TYPE_INT_RGB} image. Orientation n says
	 * how the stored pixels must be mirrored and rotated to appear upright (EXIF 2.3, tag
	 * 0x0112).
	 */
	static BufferedImage orient(BufferedImage image, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return image;
		}
		int width = image.getWidth();
		int height = image.getHeight();
		boolean transposed = orientation >= 5;
		int outWidth = transposed ? height : width;
		int outHeight = transposed ? width : height;
		BufferedImage out = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
		int[] src = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
		int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
		for (int y = 0; y < outHeight; y++) {
			for (int x = 0; x < outWidth; x++) {
				int sx;
				int sy;
				switch (orientation) {
					case 2 -> {
						sx = width - 1 - x;
						sy = y;
					}
					case 3 -> {
						sx = width - 1 - x;
						sy = height - 1 - y;
					}
					case 4 -> {
						sx = x;
						sy = height - 1 - y;
					}
					case 5 -> {
						sx = y;
						sy = x;
					}
					case 6 -> {
						sx = y;
						sy = height - 1 - x;
					}
					case 7 -> {
						sx = width - 1 - y;
						sy = height - 1 - x;
					}
					default -> {
						sx = width - 1 - y;
						sy = x;
					} // 8
				}
				dst[y * outWidth + x] = src[sy * width + sx];
			}
		}
		return out;
	}

	/**
	 * Baseline (not progressive) JPEG, no EXIF, no ICC profile: the pixels are sRGB
	 * already.
	 */
	public static byte[] encodeJpeg(BufferedImage image, float quality) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ImageWriteParam param = writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionQuality(quality);
		param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
		return ImageWriting.write(writer, param, image, "JPEG", 64 * 1024);
	}

	/**
	 * libjpeg decodes a cut-off JPEG with only a warning ("Premature end of JPEG file")
	 * and fills the missing rows with grey: that is a refusal. Other warnings (a bad ICC
	 * profile, stray bytes) leave a usable image.
	 */
	private static final class DecodingWarnings implements IIOReadWarningListener {

		private volatile boolean truncated;

		@Override
		public void warningOccurred(ImageReader source, String warning) {
			if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
				this.truncated = true;
			}
		}

	}

}
