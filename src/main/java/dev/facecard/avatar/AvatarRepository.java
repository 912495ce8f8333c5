package dev.facecard.avatar;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface AvatarRepository extends Repository<Avatar, String> {

	/**
	 * The avatar of a user who is not banned, in one statement. Unknown, banned and
	 * avatar-less users all come back empty through the same query, so neither answer nor
	 * timing tells them apart.
	 */
	@Query("""
			select new dev.facecard.avatar.StoredImage(a.hash, a.jpeg, u.avatarUpdatedAt, a.width, a.height,
				(select count(r) from AvatarRendition r where r.hash = a.hash))
			from User u join Avatar a on a.hash = u.avatarHash
			where u.appid = :appid and u.username = :username and u.banned = false""")
	Optional<StoredImage> findByAppidAndUsername(@Param("appid") String appid, @Param("username") String username);

	/**
	 * {@link #findByAppidAndUsername} without the image's bytes: for a size, which its
	 * renditions may answer without them.
	 */
	@Query("""
			select new dev.facecard.avatar.StoredImage(a.hash, u.avatarUpdatedAt, a.width, a.height,
				(select count(r) from AvatarRendition r where r.hash = a.hash))
			from User u join Avatar a on a.hash = u.avatarHash
			where u.appid = :appid and u.username = :username and u.banned = false""")
	Optional<StoredImage> findVersionByAppidAndUsername(@Param("appid") String appid,
			@Param("username") String username);

	/** A stored avatar that at least one user who is not banned shows. */
	@Query("""
			select new dev.facecard.avatar.StoredImage(a.hash, a.jpeg, a.createdAt, a.width, a.height,
				(select count(r) from AvatarRendition r where r.hash = a.hash))
			from Avatar a
			where a.hash = :hash and exists (select 1 from User u where u.avatarHash = a.hash and u.banned = false)""")
	Optional<StoredImage> findShownByHash(@Param("hash") String hash);

	/** {@link #findShownByHash} without the image's bytes. */
	@Query("""
			select new dev.facecard.avatar.StoredImage(a.hash, a.createdAt, a.width, a.height,
				(select count(r) from AvatarRendition r where r.hash = a.hash))
			from Avatar a
			where a.hash = :hash and exists (select 1 from User u where u.avatarHash = a.hash and u.banned = false)""")
	Optional<StoredImage> findShownVersionByHash(@Param("hash") String hash);

	boolean existsByHash(String hash);

	@Query("select a.jpeg from Avatar a where a.hash = :hash")
	Optional<byte[]> findJpeg(@Param("hash") String hash);

	/** The bytes of the rendition of {@code side} pixels of the avatar {@code hash}. */
	@Query("select r.jpeg from AvatarRendition r where r.hash = :hash and r.side = :side")
	Optional<byte[]> findRendition(@Param("hash") String hash, @Param("side") int side);

	/** Stores a rendition of an avatar unless it is stored already. */
	@Modifying
	@Query(value = """
			insert into avatar_renditions (hash, side, jpeg, width, height)
			values (:hash, :side, :jpeg, :width, :height) on conflict do nothing""", nativeQuery = true)
	int insertRenditionIfAbsent(@Param("hash") String hash, @Param("side") int side, @Param("jpeg") byte[] jpeg,
			@Param("width") int width, @Param("height") int height);

	/**
	 * Stores the image unless the same content is stored already (another user may have
	 * uploaded it).
	 */
	@Modifying
	@Query(value = """
			insert into avatars (hash, jpeg, byte_size, width, height, created_at)
			values (:hash, :jpeg, :byteSize, :width, :height, :now) on conflict do nothing""", nativeQuery = true)
	int insertIfAbsent(@Param("hash") String hash, @Param("jpeg") byte[] jpeg, @Param("byteSize") int byteSize,
			@Param("width") int width, @Param("height") int height, @Param("now") Instant now);

	/** Removes an avatar that no user shows any more. */
	@Modifying
	@Query(value = "delete from avatars where hash = :hash and not exists (select 1 from users where avatar_hash = :hash)",
			nativeQuery = true)
	int deleteIfUnused(@Param("hash") String hash);

}
