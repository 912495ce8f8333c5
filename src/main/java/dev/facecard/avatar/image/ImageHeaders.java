package dev.facecard.avatar.image;

import java.util.ArrayList;
import java.util.List;

/**
 * What an upload's container says before any pixel is decoded, read straight from its
 * bytes: every size it declares, and its EXIF orientation. Only walks headers and length
 * fields; never inflates, never allocates by a declared length, so a hostile file costs
 * at most a pass over its own bytes.
 */
final class ImageHeaders {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private static final byte[] EXIF_PREAMBLE = { 'E', 'x', 'i', 'f', 0, 0 };

	/** EXIF 2.3 tag 0x0112 (Orientation) of IFD0. */
	private static final int ORIENTATION_TAG = 0x0112;

	private ImageHeaders() {
	}

	/** A width and height a header declares. */
	record Size(long width, long height) {
	}

	/**
	 * The sizes a GIF or WebP declares besides the one its reader reports: a GIF's
	 * logical screen, and a WebP's canvas, every animation frame and every VP8/VP8L
	 * bitstream (the decoders size their buffers by the bitstream, whatever the canvas
	 * says). Empty for the other formats: their one header is the reader's.
	 */
	static List<Size> declaredSizes(byte[] image) {
		List<Size> sizes = new ArrayList<>();
		if (startsWith(image, 0, "GIF8") && image.length >= 10) {
			sizes.add(new Size(u16le(image, 6), u16le(image, 8)));
		}
		else if (isWebp(image)) {
			webpSizes(image, 12, riffEnd(image), true, sizes);
		}
		return sizes;
	}

	/**
	 * The EXIF orientation (1 to 8) of a JPEG (first APP1 "Exif" segment), PNG
	 * ({@code eXIf} chunk) or WebP ({@code EXIF} chunk); 1 when there is none or it
	 * cannot be read. Only IFD0's Orientation entry is read.
	 */
	static int exifOrientation(byte[] image) {
		int[] tiff = null;
		if (image.length >= 4 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8) {
			tiff = jpegExif(image);
		}
		else if (startsWith(image, 0, PNG_SIGNATURE)) {
			tiff = pngExif(image);
		}
		else if (isWebp(image)) {
			tiff = webpExif(image);
		}
		return (tiff != null) ? tiffOrientation(image, tiff[0], tiff[1]) : 1;
	}

	/**
	 * Offset and length of the TIFF data in the first APP1 "Exif" segment before the
	 * first scan.
	 */
	private static int[] jpegExif(byte[] jpeg) {
		int at = 2;
		while (at + 4 <= jpeg.length) {
			if ((jpeg[at] & 0xFF) != 0xFF) {
				return null;
			}
			int marker = jpeg[at + 1] & 0xFF;
			if (marker == 0xFF) { // fill byte
				at++;
				continue;
			}
			// no length
			if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
				at += 2;
				continue;
			}
			if (marker == 0xDA || marker == 0xD9) { // scan data or end: EXIF comes before
				return null;
			}
			int payload = at + 4;
			int length = u16be(jpeg, at + 2) - 2;
			if (length < 0 || payload + length > jpeg.length) {
				return null;
			}
			if (marker == 0xE1 && length >= EXIF_PREAMBLE.length && startsWith(jpeg, payload, EXIF_PREAMBLE)) {
				return new int[] { payload + EXIF_PREAMBLE.length, length - EXIF_PREAMBLE.length };
			}
			at = payload + length;
		}
		return null;
	}

	private static int[] pngExif(byte[] png) {
		long at = PNG_SIGNATURE.length;
		while (at + 8 <= png.length) {
			long length = u32be(png, (int) at);
			long data = at + 8;
			if (data + length > png.length) {
				return null;
			}
			if (startsWith(png, (int) at + 4, "eXIf")) {
				return new int[] { (int) data, (int) length };
			}
			if (startsWith(png, (int) at + 4, "IEND")) {
				return null;
			}
			at = data + length + 4; // CRC
		}
		return null;
	}

	private static int[] webpExif(byte[] webp) {
		int end = riffEnd(webp);
		long at = 12;
		while (at + 8 <= end) {
			long length = u32le(webp, (int) at + 4);
			long data = at + 8;
			if (data + length > end) {
				return null;
			}
			if (startsWith(webp, (int) at, "EXIF")) {
				// some writers keep JPEG's "Exif\0\0" in front of the TIFF data
				int skip = (length >= EXIF_PREAMBLE.length && startsWith(webp, (int) data, EXIF_PREAMBLE))
						? EXIF_PREAMBLE.length : 0;
				return new int[] { (int) data + skip, (int) length - skip };
			}
			at = data + length + (length & 1);
		}
		return null;
	}

	/**
	 * IFD0's Orientation (a SHORT) in the TIFF data at {@code start}; 1 when absent or
	 * out of bounds.
	 */
	private static int tiffOrientation(byte[] bytes, int start, int length) {
		if (length < 8) {
			return 1;
		}
		boolean little;
		if (bytes[start] == 'I' && bytes[start + 1] == 'I') {
			little = true;
		}
		else if (bytes[start] == 'M' && bytes[start + 1] == 'M') {
			little = false;
		}
		else {
			return 1;
		}
		if (tiff16(bytes, start + 2, little) != 42) {
			return 1;
		}
		long ifd = tiff32(bytes, start + 4, little);
		if (ifd < 8 || ifd + 2 > length) {
			return 1;
		}
		int entries = tiff16(bytes, start + (int) ifd, little);
		for (int i = 0; i < entries; i++) {
			long entry = ifd + 2 + 12L * i;
			if (entry + 12 > length) {
				return 1;
			}
			int at = start + (int) entry;
			if (tiff16(bytes, at, little) == ORIENTATION_TAG) {
				int type = tiff16(bytes, at + 2, little);
				int value = tiff16(bytes, at + 8, little);
				return (type == 3 && value >= 1 && value <= 8) ? value : 1;
			}
		}
		return 1;
	}

	/**
	 * Walks the RIFF chunks in [{@code at}, {@code end}), descending once into animation
	 * frames.
	 */
	private static void webpSizes(byte[] webp, long at, int end, boolean topLevel, List<Size> sizes) {
		while (at + 8 <= end) {
			int data = (int) at + 8;
			long length = u32le(webp, (int) at + 4);
			int available = (int) Math.min(length, end - data);
			if (startsWith(webp, (int) at, "VP8X") && available >= 10) {
				sizes.add(new Size(1 + u24le(webp, data + 4), 1 + u24le(webp, data + 7)));
			}
			else if (startsWith(webp, (int) at, "VP8 ") && available >= 10) {
				sizes.add(new Size(u16le(webp, data + 6) & 0x3FFF, u16le(webp, data + 8) & 0x3FFF));
			}
			else if (startsWith(webp, (int) at, "VP8L") && available >= 5) {
				long bits = u32le(webp, data + 1);
				sizes.add(new Size(1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)));
			}
			else if (startsWith(webp, (int) at, "ANMF") && available >= 16 && topLevel) {
				sizes.add(new Size(1 + u24le(webp, data + 6), 1 + u24le(webp, data + 9)));
				webpSizes(webp, data + 16, data + available, false, sizes);
			}
			at = data + length + (length & 1);
		}
	}

	private static boolean isWebp(byte[] bytes) {
		return startsWith(bytes, 0, "RIFF") && startsWith(bytes, 8, "WEBP");
	}

	/** The end of the RIFF data: as declared, but never past the bytes received. */
	private static int riffEnd(byte[] riff) {
		return (int) Math.min(riff.length, 8 + u32le(riff, 4));
	}

	private static boolean startsWith(byte[] bytes, int at, String ascii) {
		if (at < 0 || at + ascii.length() > bytes.length) {
			return false;
		}
		for (int i = 0; i < ascii.length(); i++) {
			if (bytes[at + i] != ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
		if (at < 0 || at + prefix.length > bytes.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[at + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int u16le(byte[] b, int at) {
		return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
	}

	private static long u24le(byte[] b, int at) {
		return u16le(b, at) | (b[at + 2] & 0xFF) << 16;
	}

	private static long u32le(byte[] b, int at) {
		return u16le(b, at) | (long) u16le(b, at + 2) << 16;
	}

	private static int u16be(byte[] b, int at) {
		return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
	}

	private static long u32be(byte[] b, int at) {
		return (long) u16be(b, at) << 16 | u16be(b, at + 2);
	}

	private static int tiff16(byte[] b, int at, boolean little) {
		return little ? u16le(b, at) : u16be(b, at);
	}

	private static long tiff32(byte[] b, int at, boolean little) {
		return little ? u32le(b, at) : u32be(b, at);
	}

}
