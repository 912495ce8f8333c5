package dev.facecard.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Builds test images in memory: plain ones, EXIF-tagged JPEGs, and hostile ones. */
public final class TestImages {

	/**
	 * Above the small seeds tests spell out, so that no two images of a run are the same
	 * by chance.
	 */
	private static final AtomicLong DISTINCT_SEEDS = new AtomicLong(1_000_000);

	private TestImages() {
	}

	/**
	 * A seed for {@link #noise} no other image of the run has (an avatar's URL is its
	 * content's hash, so two uploads that must differ need different bytes), and the same
	 * in every run of the same tests.
	 */
	public static long distinctSeed() {
		return DISTINCT_SEEDS.getAndIncrement();
	}

	/** Left half {@code left}, right half {@code right}. */
	public static BufferedImage halves(int width, int height, Color left, Color right) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(left);
		graphics.fillRect(0, 0, width / 2, height);
		graphics.setColor(right);
		graphics.fillRect(width / 2, 0, width - width / 2, height);
		graphics.dispose();
		return image;
	}

	public static BufferedImage noise(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return image;
	}

	/**
	 * Gradients and soft shapes with a little grain: what the JPEG of a photo holds
	 * (noise, the worst case for JPEG, makes files several times larger than photos of
	 * the same size).
	 */
	public static BufferedImage photoLike(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, new Color(90, 140, 200), width, height, new Color(240, 200, 150)));
		graphics.fillRect(0, 0, width, height);
		for (int i = 0; i < 40; i++) {
			graphics.setColor(new Color(random.nextInt(0x1000000)));
			int side = 20 + random.nextInt(Math.max(1, width / 4));
			graphics.fillOval(random.nextInt(width), random.nextInt(height), side, side);
		}
		graphics.dispose();
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int grain = random.nextInt(17) - 8;
				int rgb = image.getRGB(x, y);
				int red = Math.max(0, Math.min(255, ((rgb >> 16) & 0xFF) + grain));
				int green = Math.max(0, Math.min(255, ((rgb >> 8) & 0xFF) + grain));
				int blue = Math.max(0, Math.min(255, (rgb & 0xFF) + grain));
				image.setRGB(x, y, red << 16 | green << 8 | blue);
			}
		}
		return image;
	}

	/**
	 * Encodes with the JDK's writers ({@code png}, {@code gif}, {@code bmp},
	 * {@code jpeg}).
	 */
	public static byte[] encode(BufferedImage image, String format) {
		BufferedImage source = image;
		if (!format.equals("png") && image.getColorModel().hasAlpha()) {
			source = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			source.createGraphics().drawImage(image, 0, 0, null);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(source, format, bytes)) {
				throw new IllegalArgumentException("No writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static BufferedImage decode(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Inserts an EXIF APP1 segment right after the JPEG's SOI: IFD0 with Orientation,
	 * Make ("FacecardCam") and a GPS IFD (latitude ref 'N').
	 */
	public static byte[] withExif(byte[] jpeg, int orientation) {
		ByteBuffer tiff = ByteBuffer.allocate(128); // big-endian TIFF ("MM")
		tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		int ifd0Entries = 3;
		int ifd0Size = 2 + ifd0Entries * 12 + 4;
		int makeOffset = 8 + ifd0Size;
		byte[] make = "FacecardCam\0".getBytes(StandardCharsets.US_ASCII);
		int gpsOffset = makeOffset + make.length;
		tiff.putShort((short) ifd0Entries);
		tiff.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(makeOffset); // Make
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		// GPS IFD pointer
		tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsOffset);
		tiff.putInt(0);
		tiff.put(make);
		tiff.putShort((short) 1); // GPS IFD: GPSLatitudeRef = "N"
		tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
		tiff.putInt(0);
		byte[] exif = new byte[6 + tiff.position()];
		System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
		System.arraycopy(tiff.array(), 0, exif, 6, tiff.position());
		return withSegment(jpeg, 0xE1, exif);
	}

	/**
	 * Inserts an APP2 ICC_PROFILE segment whose profile is garbage, as some cameras and
	 * editors write.
	 */
	public static byte[] withBrokenIccProfile(byte[] jpeg) {
		ByteArrayOutputStream icc = new ByteArrayOutputStream();
		icc.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
		icc.write(1); // chunk 1
		icc.write(1); // of 1
		icc.writeBytes("this is not an ICC profile at all".getBytes(StandardCharsets.US_ASCII));
		return withSegment(jpeg, 0xE2, icc.toByteArray());
	}

	/** Inserts a marker segment right after the JPEG's SOI. */
	private static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2); // SOI
		out.write(0xFF);
		out.write(marker);
		int length = payload.length + 2;
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.write(payload, 0, payload.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/**
	 * A valid 1-bit greyscale PNG of {@code width}×{@code height} pixels, all black. Its
	 * compressed size is small; decoding it into ARGB would take width×height×4 bytes.
	 */
	public static byte[] hugeBlankPng(int width, int height) {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
		header.put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
		chunk(png, "IHDR", header.array());
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(compressed)) {
			byte[] row = new byte[1 + (width + 7) / 8];
			for (int y = 0; y < height; y++) {
				deflater.write(row);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		chunk(png, "IDAT", compressed.toByteArray());
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	/** One PNG chunk: length, type, data, CRC-32 of type and data. */
	static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(typeBytes);
		png.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	public static byte[] resource(String name) {
		try (var in = TestImages.class.getResourceAsStream("/images/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * True when red, green and blue are each within {@code tolerance} of
	 * {@code expected}'s.
	 */
	public static boolean near(int rgb, Color expected, int tolerance) {
		Color actual = new Color(rgb);
		return Math.abs(actual.getRed() - expected.getRed()) <= tolerance
				&& Math.abs(actual.getGreen() - expected.getGreen()) <= tolerance
				&& Math.abs(actual.getBlue() - expected.getBlue()) <= tolerance;
	}

}
