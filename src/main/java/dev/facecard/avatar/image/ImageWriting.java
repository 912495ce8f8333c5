package dev.facecard.avatar.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes an image into memory with a writer and its parameters, and disposes of the
 * writer: what every encoder of this package ({@link AvatarImageNormalizer#encodeJpeg},
 * {@link WebpEncoding#encode}) does around its own settings.
 */
final class ImageWriting {

	private ImageWriting() {
	}

	/**
	 * @param format the format's name, for the message of a failure
	 * @param expectedBytes the buffer's first size
	 */
	static byte[] write(ImageWriter writer, ImageWriteParam param, BufferedImage image, String format,
			int expectedBytes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedBytes);
		try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(output);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Encoding " + format + " into memory failed", ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

}
