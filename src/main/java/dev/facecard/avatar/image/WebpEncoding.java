package dev.facecard.avatar.image;

import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;

/**
 * Lossy WebP encoding with libwebp (webp-imageio, which bundles it for Linux x86_64 and
 * aarch64 and loads it on the first encoding). Its ImageIO reader is taken out of the
 * registry: uploads are decoded by TwelveMonkeys under the limits of
 * {@link AvatarImageNormalizer}, never by native code. Thread-safe.
 */
public final class WebpEncoding {

	private static final String NATIVE_PLUGINS = "com.luciad.imageio.webp.";

	private WebpEncoding() {
	}

	/**
	 * Takes the native WebP reader out of ImageIO's registry (ImageIO may have found it
	 * on the class path).
	 */
	static void deregisterNativeReader() {
		IIORegistry registry = IIORegistry.getDefaultInstance();
		registry.getServiceProviders(ImageReaderSpi.class, true).forEachRemaining(reader -> {
			if (isNative(reader.getClass())) {
				registry.deregisterServiceProvider(reader, ImageReaderSpi.class);
			}
		});
	}

	/** Whether an ImageIO plugin class is the native WebP one. */
	static boolean isNative(Class<?> plugin) {
		return plugin.getName().startsWith(NATIVE_PLUGINS);
	}

	/**
	 * {@code image} (opaque) as a lossy WebP of {@code quality} (0–1). Throws when the
	 * encoder fails, including {@link LinkageError} when libwebp cannot be loaded on this
	 * platform.
	 */
	public static byte[] encode(BufferedImage image, float quality) {
		ImageWriter writer = new WebPImageWriterSpi().createWriterInstance(null);
		WebPWriteParam param = (WebPWriteParam) writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionType(param.getCompressionTypes()[WebPWriteParam.LOSSY_COMPRESSION]);
		param.setCompressionQuality(quality);
		// libwebp's slowest, best method: at the same quality, about as faithful (SSIM)
		// as
		// the JPEG it stands in for, where the default method fell short
		// (bench/RESULTS-images.md); each image and size is encoded once and cached
		param.setMethod(6);
		return ImageWriting.write(writer, param, image, "WebP", 32 * 1024);
	}

	static {
		ImageIO.setUseCache(false);
	}

}
