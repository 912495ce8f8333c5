package dev.facecard.avatar.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * Lanczos (a = 3) resampling of opaque RGB images, separable, on arrays. The same filter,
 * sampling grid and mirrored edges as TwelveMonkeys' {@code ResampleOp} in
 * {@link AvatarImageNormalizer#scaleToFit} (its results differ by under one level on
 * average, tested), but 5–8 times faster: that one reads and writes every sample through
 * the {@code Raster} API, which made a cold resize of a 1024-pixel avatar take a quarter
 * of a second. The intermediate rows stay in floats, so nothing is clipped between the
 * two passes. Thread-safe.
 */
final class Lanczos3 {

	private static final double RADIUS = 3;

	private Lanczos3() {
	}

	/**
	 * {@code image} (opaque; any type, 8-bit 3-byte BGR and int RGB read fastest) scaled
	 * to width × height.
	 */
	static BufferedImage scale(BufferedImage image, int width, int height) {
		int sourceWidth = image.getWidth();
		int sourceHeight = image.getHeight();
		Taps columns = Taps.of(sourceWidth, width);
		Taps rows = Taps.of(sourceHeight, height);
		float[] horizontal = new float[sourceHeight * width * 3];
		int[] line = new int[sourceWidth];
		for (int y = 0; y < sourceHeight; y++) {
			readRow(image, y, line);
			int out = y * width * 3;
			for (int x = 0; x < width; x++) {
				float[] weights = columns.weights[x];
				int start = columns.start[x];
				float red = 0;
				float green = 0;
				float blue = 0;
				for (int i = 0; i < weights.length; i++) {
					int pixel = line[start + i];
					float weight = weights[i];
					red += weight * ((pixel >> 16) & 0xFF);
					green += weight * ((pixel >> 8) & 0xFF);
					blue += weight * (pixel & 0xFF);
				}
				horizontal[out++] = red;
				horizontal[out++] = green;
				horizontal[out++] = blue;
			}
		}
		BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		int[] target = ((DataBufferInt) scaled.getRaster().getDataBuffer()).getData();
		int stride = width * 3;
		float[] sums = new float[stride];
		for (int y = 0; y < height; y++) {
			Arrays.fill(sums, 0);
			float[] weights = rows.weights[y];
			int start = rows.start[y];
			for (int i = 0; i < weights.length; i++) {
				float weight = weights[i];
				int from = (start + i) * stride;
				for (int j = 0; j < stride; j++) {
					sums[j] += weight * horizontal[from + j];
				}
			}
			int out = y * width;
			for (int x = 0; x < width; x++) {
				target[out + x] = level(sums[3 * x]) << 16 | level(sums[3 * x + 1]) << 8 | level(sums[3 * x + 2]);
			}
		}
		return scaled;
	}

	/**
	 * Row {@code y} as packed RGB, straight from the buffer for the types JPEG decoding
	 * yields.
	 */
	private static void readRow(BufferedImage image, int y, int[] line) {
		int width = image.getWidth();
		if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
			byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
			int at = y * width * 3;
			for (int x = 0; x < width; x++, at += 3) {
				line[x] = (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 1] & 0xFF) << 8 | (bytes[at] & 0xFF);
			}
		}
		else if (image.getType() == BufferedImage.TYPE_INT_RGB) {
			System.arraycopy(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), y * width, line, 0, width);
		}
		else {
			image.getRGB(0, y, width, 1, line, 0, width);
		}
	}

	private static int level(float value) {
		int rounded = Math.round(value);
		return (rounded < 0) ? 0 : Math.min(rounded, 255);
	}

	private static double kernel(double x) {
		double distance = Math.abs(x);
		if (distance < 1e-9) {
			return 1;
		}
		if (distance >= RADIUS) {
			return 0;
		}
		double pi = Math.PI * distance;
		return RADIUS * Math.sin(pi) * Math.sin(pi / RADIUS) / (pi * pi);
	}

	/**
	 * For each output sample, the first source sample it reads and the normalised weights
	 * from there on.
	 */
	private record Taps(int[] start, float[][] weights) {

		static Taps of(int source, int target) {
			double scale = (double) target / source;
			double support = (scale < 1) ? RADIUS / scale : RADIUS;
			double stretch = Math.min(scale, 1);
			int[] start = new int[target];
			float[][] weights = new float[target][];
			double[] folded = new double[source];
			for (int x = 0; x < target; x++) {
				double center = x / scale;
				int lowest = source;
				int highest = -1;
				double sum = 0;
				for (int j = (int) Math.ceil(center - support); j <= (int) Math.floor(center + support); j++) {
					double weight = kernel((center - j) * stretch);
					// mirrored at the edges
					int n = (j < 0) ? -j : (j >= source) ? 2 * source - 1 - j : j;
					n = Math.max(0, Math.min(source - 1, n));
					folded[n] += weight;
					sum += weight;
					lowest = Math.min(lowest, n);
					highest = Math.max(highest, n);
				}
				float[] normalised = new float[highest - lowest + 1];
				for (int n = lowest; n <= highest; n++) {
					normalised[n - lowest] = (float) (folded[n] / sum);
					folded[n] = 0;
				}
				start[x] = lowest;
				weights[x] = normalised;
			}
			return new Taps(start, weights);
		}

	}

}
