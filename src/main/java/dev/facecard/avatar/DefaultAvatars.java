package dev.facecard.avatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.avatar.image.AvatarImageNormalizer;
import dev.facecard.shared.cache.Caches;
import dev.facecard.shared.cache.MonitoredCaches;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.Sha256;
import dev.facecard.shared.web.ConditionalRequests;

import org.springframework.stereotype.Component;

/**
 * The images of {@code default=identicon|mp}, drawn at exactly the asked size and cached
 * by bytes: an identicon, a symmetric 5×5 pattern whose cells and colour come from the
 * SHA-256 of the app and username (the same for a user every time, different between
 * users); and "mp", a neutral silhouette. Drawing and encoding are image work: in the one
 * bound of {@link ImageWork}.
 */
@Component
class DefaultAvatars implements MonitoredCaches {

	/**
	 * What a drawn image weighs beyond its JPEG: its name, ETag and dates, the entry.
	 */
	private static final int ENTRY_OVERHEAD = 320;

	private static final Color BACKGROUND = new Color(0xF0F0F0);

	private final int defaultSize;

	private final float jpegQuality;

	/** Their bytes never change, so one Last-Modified for the life of the process. */
	private final Instant drawnSince = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final ImageCache<String, AvatarImage> images;

	DefaultAvatars(FacecardProperties properties, ImageWork imageWork) {
		this.defaultSize = properties.avatar().defaultSize();
		this.jpegQuality = properties.avatar().jpegQuality();
		this.images = new ImageCache<>(Caches.newBuilder()
			.maximumWeight(properties.cache().avatarVariantBytes().toBytes())
			.weigher((String key, AvatarImage image) -> image.bytes().length + ENTRY_OVERHEAD)
			.recordStats()
			.build(), imageWork);
	}

	@Override
	public Map<String, Cache<?, ?>> monitoredCaches() {
		return Map.of("avatar.defaults", this.images.cache());
	}

	AvatarImage identicon(String appid, String username, Integer size) {
		byte[] digest = Sha256.digest((appid + '\n' + username).getBytes(StandardCharsets.UTF_8));
		int side = (size != null) ? size : this.defaultSize;
		String name = "identicon-" + HexFormat.of().formatHex(digest) + "-" + side;
		return this.images.get(name, () -> image(name, drawIdenticon(digest, side)));
	}

	AvatarImage mysteryPerson(Integer size) {
		int side = (size != null) ? size : this.defaultSize;
		String name = "mp-" + side;
		return this.images.get(name, () -> image(name, drawSilhouette(side)));
	}

	private AvatarImage image(String name, BufferedImage drawn) {
		byte[] jpeg = AvatarImageNormalizer.encodeJpeg(drawn, this.jpegQuality);
		return new AvatarImage(name, jpeg, this.drawnSince, '"' + name + '"',
				ConditionalRequests.HTTP_DATE.format(this.drawnSince));
	}

	/**
	 * Cells of a 5×5 grid mirrored around the middle column, in a colour of the digest's
	 * hue.
	 */
	static BufferedImage drawIdenticon(byte[] digest, int side) {
		BufferedImage image = canvas(side);
		Graphics2D graphics = image.createGraphics();
		float hue = ((digest[0] & 0xFF) << 8 | (digest[1] & 0xFF)) / 65536f;
		graphics.setColor(Color.getHSBColor(hue, 0.55f, 0.75f));
		double cell = side / 6.0;
		double margin = cell / 2;
		for (int row = 0; row < 5; row++) {
			for (int column = 0; column < 3; column++) {
				int bit = row * 3 + column;
				if (((digest[2 + bit / 8] >> (bit % 8)) & 1) == 1) {
					fill(graphics, margin + column * cell, margin + row * cell, cell);
					fill(graphics, margin + (4 - column) * cell, margin + row * cell, cell);
				}
			}
		}
		graphics.dispose();
		return image;
	}

	/** A grey head and shoulders on a light background. */
	static BufferedImage drawSilhouette(int side) {
		BufferedImage image = canvas(side);
		Graphics2D graphics = image.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		graphics.setColor(new Color(0xBDBDBD));
		graphics.fill(new Ellipse2D.Double(side * 0.31, side * 0.16, side * 0.38, side * 0.40));
		graphics.fill(new Ellipse2D.Double(side * 0.12, side * 0.60, side * 0.76, side * 0.70));
		graphics.dispose();
		return image;
	}

	private static BufferedImage canvas(int side) {
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(BACKGROUND);
		graphics.fillRect(0, 0, side, side);
		graphics.dispose();
		return image;
	}

	private static void fill(Graphics2D graphics, double x, double y, double cell) {
		graphics.fillRect((int) Math.round(x), (int) Math.round(y), (int) Math.round(x + cell) - (int) Math.round(x),
				(int) Math.round(y + cell) - (int) Math.round(y));
	}

}
