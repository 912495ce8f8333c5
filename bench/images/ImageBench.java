import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import dev.facecard.avatar.image.AvatarImageNormalizer;
import dev.facecard.avatar.image.AvatarImageNormalizer.NormalizedImage;
import dev.facecard.avatar.image.AvatarImageNormalizer.Rendition;
import dev.facecard.avatar.image.WebpEncoding;

/**
 * Bytes and SSIM of the WebP answers against the JPEG answers they replace, through the
 * service's own classes (bench/images-webp.sh puts them on the class path): each picture
 * is uploaded as a lossless PNG to the normaliser, which gives the stored JPEG and its
 * renditions (the JPEG answers at full size, 256 and 64) and, as the service's uploads
 * do, the WebP of each from the same pixels (the WebP answers). Both are compared with
 * the picture itself (scaled with area averaging for the smaller sizes): SSIM on luma,
 * 8×8 windows every 4 pixels. "encode ms" is what the WebPs add to the upload (the
 * normaliser timed with and without them, on the stored row).
 *
 * <pre>
 * java -cp CLASSES bench/images/ImageBench.java QUALITY DEMO_DIR GENERATED_COUNT
 * </pre>
 */
public class ImageBench {

	public static void main(String[] args) throws Exception {
		float quality = Float.parseFloat(args[0]);
		Path demo = Path.of(args[1]);
		int generated = Integer.parseInt(args[2]);
		List<Picture> pictures = new ArrayList<>();
		try (var files = Files.list(demo)) {
			for (Path file : files.sorted().toList()) {
				pictures.add(new Picture("demo/" + file.getFileName(), flatten(ImageIO.read(file.toFile()))));
			}
		}
		for (int i = 0; i < generated; i++) {
			int side = (i % 4 == 3) ? 512 : 1024;
			pictures.add(new Picture(((i % 2 == 0) ? "photo-" : "drawing-") + i + "@" + side,
					GeneratedImages.picture(side, 1000 + i)));
		}
		long t0 = System.nanoTime();
		WebpEncoding.encode(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), quality);
		System.out.printf(Locale.ROOT, "first WebP encoding in this JVM (loads libwebp): %.0f ms%n",
				(System.nanoTime() - t0) / 1e6);

		AvatarImageNormalizer normalizer = new AvatarImageNormalizer(40_000_000, 1024, 0.9f, new int[] { 256, 64 },
				pixels -> WebpEncoding.encode(pixels, quality));
		AvatarImageNormalizer jpegOnly = new AvatarImageNormalizer(40_000_000, 1024, 0.9f, new int[] { 256, 64 },
				null);
		System.out.println();
		System.out.println("| picture | size | JPEG bytes | WebP bytes | WebP/JPEG | SSIM JPEG | SSIM WebP | encode ms |");
		System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
		long[] jpegTotal = new long[3];
		long[] webpTotal = new long[3];
		double[] ssimJpeg = new double[3];
		double[] ssimWebp = new double[3];
		int[] notWorse = new int[3];
		String[] sizes = { "stored", "256", "64" };
		// both normalisers once untimed: the first call of each runs cold, and the first
		// picture's "encode ms" came out below zero
		byte[] first = png(pictures.get(0).pixels());
		jpegOnly.normalize(first);
		normalizer.normalize(first);
		for (Picture picture : pictures) {
			byte[] upload = png(picture.pixels());
			long n0 = System.nanoTime();
			jpegOnly.normalize(upload);
			long n1 = System.nanoTime();
			NormalizedImage stored = normalizer.normalize(upload);
			double webpUploadMs = ((System.nanoTime() - n1) - (n1 - n0)) / 1e6;
			for (int s = 0; s < 3; s++) {
				byte[] jpeg;
				byte[] webp;
				BufferedImage reference;
				if (s == 0) {
					jpeg = stored.jpeg();
					webp = stored.webp();
					reference = picture.pixels();
				}
				else {
					int side = (s == 1) ? 256 : 64;
					Rendition rendition = stored.renditions()
						.stream()
						.filter(r -> r.side() == side)
						.findFirst()
						.orElseThrow();
					jpeg = rendition.jpeg();
					webp = rendition.webp();
					reference = areaAverage(picture.pixels(), rendition.width(), rendition.height());
				}
				BufferedImage decodedJpeg = ImageIO.read(new ByteArrayInputStream(jpeg));
				BufferedImage decodedWebp = ImageIO.read(new ByteArrayInputStream(webp));
				double sj = ssim(reference, decodedJpeg);
				double sw = ssim(reference, decodedWebp);
				jpegTotal[s] += jpeg.length;
				webpTotal[s] += webp.length;
				ssimJpeg[s] += sj;
				ssimWebp[s] += sw;
				notWorse[s] += (sw >= sj) ? 1 : 0;
				System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.4f | %.4f | %s |%n", picture.name(),
						sizes[s], jpeg.length, webp.length, (double) webp.length / jpeg.length, sj, sw,
						(s == 0) ? String.format(Locale.ROOT, "%.0f", webpUploadMs) : "");
			}
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "WebP quality %.2f over %d pictures (%d demo, %d generated):%n%n", quality,
				pictures.size(), pictures.size() - generated, generated);
		System.out.println("| size | JPEG bytes | WebP bytes | fewer bytes | mean SSIM JPEG | mean SSIM WebP | WebP SSIM >= JPEG |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (int s = 0; s < 3; s++) {
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f%% | %.4f | %.4f | %d of %d |%n", sizes[s], jpegTotal[s],
					webpTotal[s], 100.0 * (1 - (double) webpTotal[s] / jpegTotal[s]), ssimJpeg[s] / pictures.size(),
					ssimWebp[s] / pictures.size(), notWorse[s], pictures.size());
		}
	}

	record Picture(String name, BufferedImage pixels) {
	}

	static BufferedImage flatten(BufferedImage image) {
		BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = rgb.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
		g.drawImage(image, 0, 0, null);
		g.dispose();
		return rgb;
	}

	static byte[] png(BufferedImage image) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		return bytes.toByteArray();
	}

	static BufferedImage areaAverage(BufferedImage image, int width, int height) {
		Image scaled = image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING);
		BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.drawImage(scaled, 0, 0, null);
		g.dispose();
		return out;
	}

	/** Mean SSIM of the luma of two images of one size: 8×8 windows, every 4 pixels. */
	static double ssim(BufferedImage a, BufferedImage b) {
		int width = Math.min(a.getWidth(), b.getWidth());
		int height = Math.min(a.getHeight(), b.getHeight());
		double[] x = luma(a, width, height);
		double[] y = luma(b, width, height);
		double c1 = Math.pow(0.01 * 255, 2);
		double c2 = Math.pow(0.03 * 255, 2);
		int window = Math.min(8, Math.min(width, height));
		double total = 0;
		int count = 0;
		for (int top = 0; top + window <= height; top += 4) {
			for (int left = 0; left + window <= width; left += 4) {
				double mx = 0, my = 0;
				for (int j = top; j < top + window; j++) {
					for (int i = left; i < left + window; i++) {
						mx += x[j * width + i];
						my += y[j * width + i];
					}
				}
				int n = window * window;
				mx /= n;
				my /= n;
				double vx = 0, vy = 0, cov = 0;
				for (int j = top; j < top + window; j++) {
					for (int i = left; i < left + window; i++) {
						double dx = x[j * width + i] - mx;
						double dy = y[j * width + i] - my;
						vx += dx * dx;
						vy += dy * dy;
						cov += dx * dy;
					}
				}
				vx /= n - 1;
				vy /= n - 1;
				cov /= n - 1;
				total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
				count++;
			}
		}
		return total / count;
	}

	private static double[] luma(BufferedImage image, int width, int height) {
		double[] luma = new double[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int p = image.getRGB(x, y);
				luma[y * width + x] = 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
			}
		}
		return luma;
	}

}
