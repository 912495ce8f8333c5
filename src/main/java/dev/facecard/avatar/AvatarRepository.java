package dev.facecard.avatar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code avatars} table (normalised images addressed by the SHA-256 of their bytes,
 * immutable once stored) and their {@code avatar_renditions}; reads which avatar a user
 * shows from {@code users}.
 */
@Repository
class AvatarRepository {

	private static final String RENDITIONS = "(select count(*) from avatar_renditions r where r.hash = a.hash)";

	/** Whether a WebP was made at upload: the renditions' are made with the image's. */
	private static final String WEBP = "(a.webp is not null)";

	private static final String USERS_AVATAR = "from users u join avatars a on a.hash = u.avatar_hash ";

	private static final String OF_USER_WHERE = "where u.appid = :appid and u.username = :username and u.banned = false";

	private static final String AVATAR = "from avatars a ";

	private static final String SHOWN_WHERE = """
			where a.hash = :hash and exists (select 1 from users u where u.avatar_hash = a.hash and u.banned = false)""";

	/**
	 * Whether the image fits {@code :side} pixels as stored (as
	 * {@code AvatarImage.Version.fits}).
	 */
	private static final String FITS = "greatest(a.width, a.height) <= :side";

	/** The rendition of {@code :side} pixels, when the image has one. */
	private static final String WITH_RENDITION = "left join avatar_renditions rs on rs.hash = a.hash and rs.side = :side ";

	private static final String OF_USER = USERS_AVATAR + OF_USER_WHERE;

	private static final String OF_USER_WITH_RENDITION = USERS_AVATAR + WITH_RENDITION + OF_USER_WHERE;

	private static final String SHOWN = AVATAR + SHOWN_WHERE;

	private static final String SHOWN_WITH_RENDITION = AVATAR + WITH_RENDITION + SHOWN_WHERE;

	private final JdbcClient jdbc;

	AvatarRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The avatar of a user who is not banned, in one statement, with its bytes: for a
	 * WebP answer ({@code webp}) the WebP made at upload, and the JPEG only when there is
	 * none. Unknown, banned and avatar-less users all come back empty through the same
	 * query, so neither answer nor timing tells them apart.
	 */
	Optional<StoredImage> findByAppidAndUsername(String appid, String username, boolean webp) {
		return image(jpegOf(webp), variantOf(webp), "u.avatar_updated_at", OF_USER,
				Map.of("appid", appid, "username", username));
	}

	/**
	 * {@link #findByAppidAndUsername} for a size of {@code side} pixels, with the bytes
	 * that size is answered with when they are stored: the image's own when it fits the
	 * size (as {@link #findByAppidAndUsername} reads them), else its rendition of that
	 * size (its WebP when {@code webp}) when it has one. So a size answered with stored
	 * bytes costs this one statement, and a size to resize reads none of the image's.
	 */
	Optional<StoredImage> findForSizeByAppidAndUsername(String appid, String username, int side, boolean webp) {
		return image(sized(jpegOf(webp), "null"), sized(variantOf(webp), renditionOf(webp)), "u.avatar_updated_at",
				OF_USER_WITH_RENDITION, Map.of("appid", appid, "username", username, "side", side));
	}

	/**
	 * A stored avatar that at least one user who is not banned shows, with its bytes as
	 * {@link #findByAppidAndUsername} reads them.
	 */
	Optional<StoredImage> findShownByHash(String hash, boolean webp) {
		return image(jpegOf(webp), variantOf(webp), "a.created_at", SHOWN, Map.of("hash", hash));
	}

	/**
	 * {@link #findShownByHash} for a size, as {@link #findForSizeByAppidAndUsername} is
	 * for a username.
	 */
	Optional<StoredImage> findShownForSizeByHash(String hash, int side, boolean webp) {
		return image(sized(jpegOf(webp), "null"), sized(variantOf(webp), renditionOf(webp)), "a.created_at",
				SHOWN_WITH_RENDITION, Map.of("hash", hash, "side", side));
	}

	boolean existsByHash(String hash) {
		return this.jdbc.sql("select count(*) from avatars where hash = :hash")
			.param("hash", hash)
			.query(Long.class)
			.single() > 0;
	}

	Optional<byte[]> findJpeg(String hash) {
		return this.jdbc.sql("select jpeg from avatars where hash = :hash")
			.param("hash", hash)
			.query((row, rowNum) -> row.getBytes(1))
			.optional();
	}

	/** The bytes of the rendition of {@code side} pixels of the avatar {@code hash}. */
	Optional<byte[]> findRendition(String hash, int side) {
		return this.jdbc.sql("select jpeg from avatar_renditions where hash = :hash and side = :side")
			.param("hash", hash)
			.param("side", side)
			.query((row, rowNum) -> row.getBytes(1))
			.optional();
	}

	/**
	 * The WebP made at upload of the avatar {@code hash} (side 0) or of its rendition of
	 * {@code side} pixels; empty when there is none.
	 */
	Optional<byte[]> findWebp(String hash, int side) {
		JdbcClient.StatementSpec statement = (side == 0)
				? this.jdbc.sql("select webp from avatars where hash = :hash and webp is not null")
				: this.jdbc
					.sql("select webp from avatar_renditions where hash = :hash and side = :side and webp is not null")
					.param("side", side);
		return statement.param("hash", hash).query((row, rowNum) -> row.getBytes(1)).optional();
	}

	/**
	 * Stores a rendition of an avatar unless it is stored already; {@code webp} may be
	 * null.
	 */
	int insertRenditionIfAbsent(String hash, int side, byte[] jpeg, byte[] webp, int width, int height) {
		return this.jdbc.sql("""
				insert into avatar_renditions (hash, side, jpeg, webp, width, height)
				values (:hash, :side, :jpeg, :webp, :width, :height) on conflict do nothing""")
			.param("hash", hash)
			.param("side", side)
			.param("jpeg", jpeg)
			.param("webp", webp, Types.VARBINARY)
			.param("width", width)
			.param("height", height)
			.update();
	}

	/**
	 * Stores the image unless the same content is stored already (another user may have
	 * uploaded it); {@code webp} may be null.
	 */
	int insertIfAbsent(String hash, byte[] jpeg, byte[] webp, int width, int height, Instant now) {
		return this.jdbc.sql("""
				insert into avatars (hash, jpeg, webp, byte_size, width, height, created_at)
				values (:hash, :jpeg, :webp, :byteSize, :width, :height, :now) on conflict do nothing""")
			.param("hash", hash)
			.param("jpeg", jpeg)
			.param("webp", webp, Types.VARBINARY)
			.param("byteSize", jpeg.length)
			.param("width", width)
			.param("height", height)
			.param("now", SqlTimes.utc(now))
			.update();
	}

	/** Removes an avatar that no user shows any more. */
	int deleteIfUnused(String hash) {
		return this.jdbc.sql(
				"delete from avatars where hash = :hash and not exists (select 1 from users where avatar_hash = :hash)")
			.param("hash", hash)
			.update();
	}

	/**
	 * The JPEG a lookup without a size reads: for a WebP answer only when no WebP was
	 * made at upload.
	 */
	private static String jpegOf(boolean webp) {
		return webp ? "case when a.webp is null then a.jpeg end" : "a.jpeg";
	}

	/**
	 * The made image a lookup without a size reads: for a WebP answer the WebP made at
	 * upload.
	 */
	private static String variantOf(boolean webp) {
		return webp ? "a.webp" : "null";
	}

	private static String renditionOf(boolean webp) {
		return webp ? "rs.webp" : "rs.jpeg";
	}

	/**
	 * For a size: what a lookup without one reads ({@code unsized}) when the image fits
	 * the size as stored, else {@code fitted} (the rendition of that size, or nothing).
	 */
	private static String sized(String unsized, String fitted) {
		return "case when " + FITS + " then " + unsized + " else " + fitted + " end";
	}

	private Optional<StoredImage> image(String jpeg, String variant, String lastModified, String from,
			Map<String, ?> params) {
		return this.jdbc
			.sql("select a.hash, " + jpeg + " as jpeg, " + lastModified + " as last_modified, a.width, a.height, "
					+ RENDITIONS + " as renditions, " + WEBP + " as webp, " + variant + " as variant " + from)
			.params(params)
			.query((row, rowNum) -> image(row))
			.optional();
	}

	private static StoredImage image(ResultSet row) throws SQLException {
		return new StoredImage(row.getString("hash"), row.getBytes("jpeg"), SqlTimes.instant(row, "last_modified"),
				row.getInt("width"), row.getInt("height"), row.getLong("renditions"), row.getBoolean("webp"),
				row.getBytes("variant"));
	}

}
