import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reproducible, varied test pictures for the image benchmarks: "photos" (smooth gradients, soft
 * blobs, fine grain, a few sharp edges) and "drawings" (flat colours, outlines, text), so
 * that encoders meet both kinds of avatar.
 */
final class GeneratedImages {

	private GeneratedImages() {
	}

	/** Even numbers give photo-like pictures, odd ones drawings. */
	static BufferedImage picture(int side, long seed) {
		return (seed % 2 == 0) ? photo(side, side, seed) : drawing(side, side, seed);
	}

	private static final int BASES = 40;

	private static final java.util.Map<Integer, int[]> BASE_PIXELS = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Many distinct pictures cheaply: one of 40 pictures, mirrored or not, brightened or
	 * darkened a little, and with {@code index} written into its first pixels, so that
	 * every index gives other bytes (another avatar) at the cost of a copy.
	 */
	static BufferedImage distinct(int side, int index) {
		int[] base = BASE_PIXELS.computeIfAbsent(side * 1000 + index % BASES, key -> {
			BufferedImage picture = picture(side, index % BASES);
			return ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
		});
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
		boolean mirror = (index / BASES) % 2 == 1;
		int shift = ((index / (2 * BASES)) % 7 - 3) * 4;
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				int p = base[y * side + (mirror ? side - 1 - x : x)];
				pixels[y * side + x] = (clamp(((p >> 16) & 255) + shift) << 16)
						| (clamp(((p >> 8) & 255) + shift) << 8) | clamp((p & 255) + shift);
			}
		}
		for (int bit = 0; bit < 16; bit++) {
			int v = ((index >> bit) & 1) != 0 ? 0xFFFFFF : 0;
			for (int y = 0; y < 4; y++) {
				for (int x = 0; x < 4; x++) {
					pixels[y * side + bit * 4 + x] = v;
				}
			}
		}
		return image;
	}

	static BufferedImage photo(int width, int height, long seed) {
		Random random = new Random(seed);
		// smooth light and blobs drawn at a quarter of the size and scaled up (they are
		// smooth anyway), edges and grain at full size
		int smallWidth = Math.max(1, width / 4);
		int smallHeight = Math.max(1, height / 4);
		BufferedImage soft = new BufferedImage(smallWidth, smallHeight, BufferedImage.TYPE_INT_RGB);
		Graphics2D s = soft.createGraphics();
		s.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		s.setPaint(new GradientPaint(0, 0, randomColor(random), smallWidth, smallHeight, randomColor(random)));
		s.fillRect(0, 0, smallWidth, smallHeight);
		for (int i = 0; i < 12; i++) {
			float r = smallWidth / 10f + random.nextInt(Math.max(1, smallWidth / 3));
			Color c = randomColor(random);
			float cx = random.nextInt(smallWidth);
			float cy = random.nextInt(smallHeight);
			s.setPaint(new RadialGradientPaint(cx, cy, r, new float[] { 0f, 1f },
					new Color[] { new Color(c.getRed(), c.getGreen(), c.getBlue(), 200),
							new Color(c.getRed(), c.getGreen(), c.getBlue(), 0) }));
			s.fill(new Ellipse2D.Float(cx - r, cy - r, 2 * r, 2 * r));
		}
		s.dispose();
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(soft, 0, 0, width, height, null);
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setStroke(new BasicStroke(Math.max(1, width / 200f)));
		for (int i = 0; i < 6; i++) {
			g.setColor(randomColor(random).darker());
			g.drawLine(random.nextInt(width), random.nextInt(height), random.nextInt(width), random.nextInt(height));
		}
		g.dispose();
		// sensor-like grain
		int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
		for (int i = 0; i < pixels.length; i++) {
			int n = random.nextInt(9) - 4;
			int p = pixels[i];
			pixels[i] = (clamp(((p >> 16) & 255) + n) << 16) | (clamp(((p >> 8) & 255) + n) << 8) | clamp((p & 255) + n);
		}
		return image;
	}

	static BufferedImage drawing(int width, int height, long seed) {
		Random random = new Random(seed);
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(randomColor(random).brighter());
		g.fillRect(0, 0, width, height);
		g.setStroke(new BasicStroke(Math.max(2, width / 100f)));
		for (int i = 0; i < 8; i++) {
			int w = width / 8 + random.nextInt(width / 2);
			int h = height / 8 + random.nextInt(height / 2);
			int x = random.nextInt(width - w / 2);
			int y = random.nextInt(height - h / 2);
			g.setColor(randomColor(random));
			if (random.nextBoolean()) {
				g.fillOval(x, y, w, h);
			}
			else {
				g.fillRoundRect(x, y, w, h, w / 4, h / 4);
			}
			g.setColor(Color.BLACK);
			g.drawOval(x, y, w, h);
		}
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, width / 6)));
		g.setColor(Color.DARK_GRAY);
		g.drawString(Character.toString('A' + (int) (seed % 26)) + (seed % 100), width / 8, height - height / 8);
		g.dispose();
		return image;
	}

	static byte[] jpeg(BufferedImage image, float quality) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.setOutput(output);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static Color randomColor(Random random) {
		return Color.getHSBColor(random.nextFloat(), 0.3f + 0.6f * random.nextFloat(),
				0.35f + 0.6f * random.nextFloat());
	}

	private static int clamp(int v) {
		return Math.max(0, Math.min(255, v));
	}

}
