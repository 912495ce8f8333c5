package dev.facecard.support;

import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Images built byte by byte: decompression bombs whose headers declare far more than
 * their few bytes hold, oversized metadata, and the unusual but legitimate kinds (CMYK
 * JPEG, 16-bit PNG, animated GIF).
 */
public final class CraftedImages {

	private CraftedImages() {
	}

	/**
	 * A 35-byte GIF: logical screen {@code screenWidth}×{@code screenHeight}, one frame
	 * of {@code frameWidth}×{@code frameHeight} whose LZW data ends at once (clear, one
	 * pixel, end).
	 */
	public static byte[] gif(int screenWidth, int screenHeight, int frameWidth, int frameHeight) {
		ByteArrayOutputStream gif = new ByteArrayOutputStream();
		gif.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
		le16(gif, screenWidth);
		le16(gif, screenHeight);
		// no global colour table, background, aspect
		gif.writeBytes(new byte[] { 0, 0, 0 });
		gif.write(0x2C); // image descriptor
		le16(gif, 0);
		le16(gif, 0);
		le16(gif, frameWidth);
		le16(gif, frameHeight);
		gif.write(0x80); // a local colour table of 2 entries
		gif.writeBytes(new byte[] { 0, 0, 0, (byte) 255, (byte) 255, (byte) 255 });
		gif.write(2); // LZW minimum code size
		// 3-bit codes clear(4), 0, end(5); block end
		gif.writeBytes(new byte[] { 2, 0x44, 0x01, 0 });
		gif.write(0x3B);
		return gif.toByteArray();
	}

	/**
	 * A GIF of one frame per colour, each {@code width}×{@code height} filled with it.
	 */
	public static byte[] animatedGif(int width, int height, Color... frames) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(output);
			writer.prepareWriteSequence(null);
			for (Color colour : frames) {
				writer.writeToSequence(new IIOImage(TestImages.halves(width, height, colour, colour), null, null),
						null);
			}
			writer.endWriteSequence();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/** A RIFF WebP file of these chunks. */
	public static byte[] webp(byte[]... chunks) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
		for (byte[] chunk : chunks) {
			body.writeBytes(chunk);
		}
		ByteArrayOutputStream riff = new ByteArrayOutputStream();
		riff.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
		le32(riff, body.size());
		riff.writeBytes(body.toByteArray());
		return riff.toByteArray();
	}

	/**
	 * A lossy VP8 key frame header declaring {@code width}×{@code height}, then 200 zero
	 * bytes.
	 */
	public static byte[] vp8(int width, int height) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		// key frame, version 0, shown, first partition of 100 bytes
		le24(frame, (1 << 4) | (100 << 5));
		frame.writeBytes(new byte[] { (byte) 0x9D, 0x01, 0x2A }); // start code
		le16(frame, width);
		le16(frame, height);
		frame.writeBytes(new byte[200]);
		return riffChunk("VP8 ", frame.toByteArray());
	}

	/**
	 * A lossless VP8L header declaring {@code width}×{@code height}, then 200 zero bytes.
	 */
	public static byte[] vp8l(int width, int height) {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		stream.write(0x2F); // signature
		le32(stream, (width - 1) | (height - 1) << 14); // no alpha, version 0
		stream.writeBytes(new byte[200]);
		return riffChunk("VP8L", stream.toByteArray());
	}

	/**
	 * The extended-format header: canvas {@code width}×{@code height}, animated or not.
	 */
	public static byte[] vp8x(int width, int height, boolean animated) {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		header.writeBytes(new byte[] { (byte) (animated ? 0x02 : 0), 0, 0, 0 });
		le24(header, width - 1);
		le24(header, height - 1);
		return riffChunk("VP8X", header.toByteArray());
	}

	/**
	 * An animation frame of {@code width}×{@code height} at (0, 0) holding
	 * {@code bitstream}.
	 */
	public static byte[] anmf(int width, int height, byte[] bitstream) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		le24(frame, 0);
		le24(frame, 0);
		le24(frame, width - 1);
		le24(frame, height - 1);
		le24(frame, 100); // duration
		frame.write(0);
		frame.writeBytes(bitstream);
		return riffChunk("ANMF", frame.toByteArray());
	}

	/** The ANIM chunk of an animated WebP: white background, loop forever. */
	public static byte[] anim() {
		return riffChunk("ANIM", new byte[] { -1, -1, -1, -1, 0, 0 });
	}

	/** A RIFF chunk, padded to an even length. */
	public static byte[] riffChunk(String fourcc, byte[] data) {
		ByteArrayOutputStream chunk = new ByteArrayOutputStream();
		chunk.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII));
		le32(chunk, data.length);
		chunk.writeBytes(data);
		if (data.length % 2 == 1) {
			chunk.write(0);
		}
		return chunk.toByteArray();
	}

	/**
	 * A run-length encoded 8-bit BMP declaring {@code width}×{@code height} whose only
	 * code is "end of bitmap": about a kilobyte (the palette) for any number of pixels.
	 */
	public static byte[] bmpRle8(int width, int height) {
		int pixels = 14 + 40 + 256 * 4;
		ByteBuffer bmp = ByteBuffer.allocate(pixels + 2).order(ByteOrder.LITTLE_ENDIAN);
		bmp.put((byte) 'B').put((byte) 'M').putInt(bmp.capacity()).putInt(0).putInt(pixels);
		bmp.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 8);
		// BI_RLE8, 2 bytes of codes
		bmp.putInt(1).putInt(2).putInt(2835).putInt(2835).putInt(256).putInt(0);
		bmp.position(pixels);
		bmp.put((byte) 0).put((byte) 1); // end of bitmap
		return bmp.array();
	}

	/**
	 * A valid small baseline JPEG whose SOF0 is rewritten to declare
	 * {@code width}×{@code height}.
	 */
	public static byte[] jpegDeclaring(int width, int height) {
		byte[] jpeg = TestImages.encode(TestImages.noise(16, 16, 1), "jpeg");
		for (int at = 2; at + 9 < jpeg.length;) {
			int marker = jpeg[at + 1] & 0xFF;
			if (marker == 0xC0) {
				jpeg[at + 5] = (byte) (height >> 8);
				jpeg[at + 6] = (byte) height;
				jpeg[at + 7] = (byte) (width >> 8);
				jpeg[at + 8] = (byte) width;
				return jpeg;
			}
			at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
		}
		throw new IllegalStateException("No SOF0 in the JDK's JPEG");
	}

	/**
	 * A valid PNG of {@code width}×{@code height}, all zero, in {@code bitDepth} and
	 * {@code colourType} (6: RGBA); {@code bytesPerRow} is the unfiltered row size. Zeros
	 * deflate about 1000:1.
	 */
	public static byte[] blankPng(int width, int height, int bitDepth, int colourType, long bytesPerRow) {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(PNG_SIGNATURE);
		TestImages.chunk(png, "IHDR",
				ByteBuffer.allocate(13)
					.putInt(width)
					.putInt(height)
					.put((byte) bitDepth)
					.put((byte) colourType)
					.put(new byte[3])
					.array());
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(compressed, new Deflater(9), 1 << 16)) {
			byte[] zeros = new byte[1 << 20];
			for (int y = 0; y < height; y++) {
				deflater.write(0); // filter: none
				for (long left = bytesPerRow; left > 0; left -= zeros.length) {
					deflater.write(zeros, 0, (int) Math.min(left, zeros.length));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TestImages.chunk(png, "IDAT", compressed.toByteArray());
		TestImages.chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	/**
	 * A small valid PNG with a zTXt comment that inflates to {@code inflatedBytes} of
	 * 'A': a few megabytes holding gigabytes, for whatever reads text chunks.
	 */
	public static byte[] pngWithCompressedComment(byte[] png, long inflatedBytes) {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		// keyword, NUL, method 0
		text.writeBytes("Comment\0\0".getBytes(StandardCharsets.US_ASCII));
		text.writeBytes(zlibOfRepeatedA(inflatedBytes));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(png, 0, 33); // signature and IHDR
		TestImages.chunk(out, "zTXt", text.toByteArray());
		out.write(png, 33, png.length - 33);
		return out.toByteArray();
	}

	/**
	 * zlib data of {@code length} (a multiple of 1 MiB) bytes 'A', without compressing
	 * them all: one flushed deflate block of 1 MiB refers only to itself, so it is
	 * repeated, then closed by an empty final block and the Adler-32 of the whole, which
	 * has a closed form for a repeated byte.
	 */
	private static byte[] zlibOfRepeatedA(long length) {
		int mebibyte = 1 << 20;
		byte[] input = new byte[mebibyte];
		Arrays.fill(input, (byte) 'A');
		Deflater deflater = new Deflater(9, true);
		deflater.setInput(input);
		byte[] buffer = new byte[64 * 1024];
		int blockLength = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
		deflater.end();
		ByteArrayOutputStream zlib = new ByteArrayOutputStream();
		zlib.write(0x78);
		zlib.write(0xDA);
		for (long written = 0; written < length; written += mebibyte) {
			zlib.write(buffer, 0, blockLength);
		}
		zlib.write(0x03); // final fixed-Huffman block holding only its end code
		zlib.write(0x00);
		// Adler-32 of n bytes c: A = 1 + n·c, B = n + c·n(n+1)/2, both mod 65521
		BigInteger n = BigInteger.valueOf(length);
		BigInteger c = BigInteger.valueOf('A');
		BigInteger mod = BigInteger.valueOf(65521);
		long a = BigInteger.ONE.add(n.multiply(c)).mod(mod).longValue();
		long b = n.add(c.multiply(n).multiply(n.add(BigInteger.ONE)).shiftRight(1)).mod(mod).longValue();
		zlib.writeBytes(ByteBuffer.allocate(4).putInt((int) (b << 16 | a)).array());
		return zlib.toByteArray();
	}

	/** TIFF data (EXIF) whose IFD0 holds only Orientation, in either byte order. */
	public static byte[] tiffWithOrientation(int orientation, boolean littleEndian) {
		ByteBuffer tiff = ByteBuffer.allocate(26).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		tiff.put((byte) (littleEndian ? 'I' : 'M'))
			.put((byte) (littleEndian ? 'I' : 'M'))
			.putShort((short) 42)
			.putInt(8);
		tiff.putShort((short) 1);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0);
		return tiff.array();
	}

	/** {@code png} with an eXIf chunk of {@code tiff} after its IHDR. */
	public static byte[] pngWithExif(byte[] png, byte[] tiff) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(png, 0, 33);
		TestImages.chunk(out, "eXIf", tiff);
		out.write(png, 33, png.length - 33);
		return out.toByteArray();
	}

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	/**
	 * {@code jpeg} with about {@code megabytes} MB of APP1 "Exif" segments after its SOI.
	 * The first one's IFD0 has thousands of entries claiming values of 2 GB each, then
	 * Orientation {@code orientation} as its last entry; the others are filler a reader
	 * has to skip.
	 */
	public static byte[] withHugeExif(byte[] jpeg, int orientation, int megabytes) {
		int payload = 65533; // the most a segment holds
		ByteBuffer first = ByteBuffer.allocate(payload);
		first.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
		first.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		int entries = (payload - 6 - 8 - 2 - 4) / 12;
		first.putShort((short) entries);
		for (int i = 0; i < entries - 1; i++) {
			first.putShort((short) 0x010E).putShort((short) 2).putInt(0x7FFFFFF0).putInt(8); // ImageDescription
		}
		first.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		first.putInt(0);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		segment(out, 0xE1, first.array());
		byte[] filler = new byte[payload];
		System.arraycopy("Exif\0\0MM\0*".getBytes(StandardCharsets.US_ASCII), 0, filler, 0, 10);
		for (long written = payload; written < megabytes * 1_000_000L; written += payload) {
			segment(out, 0xE1, filler);
		}
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/**
	 * A CMYK JPEG as Photoshop writes them: four components stored inverted, an Adobe
	 * APP14 segment (transform 0: no YCC conversion) saying so. Left half {@code left},
	 * right half {@code right}, each {C, M, Y, K} from 0 to 255.
	 */
	public static byte[] cmykJpeg(int width, int height, int[] left, int[] right) {
		WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int[] ink = (x < width / 2) ? left : right;
				raster.setPixel(x, y, new int[] { 255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3] });
			}
		}
		// the JDK's own writer writes a four-band raster as is, with no colour transform
		// and no APP14
		ImageWriter writer = jdkJpegWriter();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(output);
			writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		byte[] jpeg = bytes.toByteArray();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		// "Adobe", version 100, flags 0 and 0, transform 0
		segment(out, 0xEE, new byte[] { 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0 });
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/**
	 * A 16 bits per channel RGBA PNG: left half {@code left}, right half {@code right} (0
	 * to 65535 each).
	 */
	public static byte[] png16(int width, int height, int[] left, int[] right) {
		ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
				new int[] { 16, 16, 16, 16 }, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
		WritableRaster raster = model.createCompatibleWritableRaster(width, height);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				raster.setPixel(x, y, (x < width / 2) ? left : right);
			}
		}
		return TestImages.encode(new BufferedImage(model, raster, false, null), "png");
	}

	/**
	 * A 16-bit greyscale PNG: left half {@code left}, right half {@code right} (0 to
	 * 65535).
	 */
	public static byte[] grey16Png(int width, int height, int left, int right) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.getRaster().setSample(x, y, 0, (x < width / 2) ? left : right);
			}
		}
		return TestImages.encode(image, "png");
	}

	private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
		out.write(0xFF);
		out.write(marker);
		out.write((payload.length + 2) >> 8);
		out.write((payload.length + 2) & 0xFF);
		out.writeBytes(payload);
	}

	private static void le16(ByteArrayOutputStream out, int value) {
		out.write(value & 0xFF);
		out.write((value >> 8) & 0xFF);
	}

	private static void le24(ByteArrayOutputStream out, int value) {
		le16(out, value & 0xFFFF);
		out.write((value >> 16) & 0xFF);
	}

	private static void le32(ByteArrayOutputStream out, int value) {
		le16(out, value & 0xFFFF);
		le16(out, value >>> 16);
	}

	private static ImageWriter jdkJpegWriter() {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
		while (writers.hasNext()) {
			ImageWriter writer = writers.next();
			if (writer.getClass().getName().startsWith("com.sun.")) {
				return writer;
			}
			writer.dispose();
		}
		throw new IllegalStateException("No JDK JPEG writer");
	}

}
