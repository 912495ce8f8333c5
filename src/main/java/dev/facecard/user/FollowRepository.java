package dev.facecard.user;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface FollowRepository extends Repository<Follow, Follow.Key> {

	/**
	 * Inserts the pair unless it exists; returns 1 when this call created it, 0
	 * otherwise.
	 */
	@Modifying
	@Query(value = "insert into follows (follower_id, followee_id, created_at) values (:follower, :followee, :now) "
			+ "on conflict do nothing", nativeQuery = true)
	int insertIfAbsent(@Param("follower") String followerId, @Param("followee") String followeeId,
			@Param("now") Instant now);

	/** Returns 1 when this call removed the pair, 0 when it did not exist. */
	@Modifying
	@Query(value = "delete from follows where follower_id = :follower and followee_id = :followee", nativeQuery = true)
	int deleteIfPresent(@Param("follower") String followerId, @Param("followee") String followeeId);

	boolean existsByFollowerIdAndFolloweeId(String followerId, String followeeId);

	/** Which of {@code followeeIds} {@code followerId} follows, in one statement. */
	@Query("select f.followeeId from Follow f where f.followerId = :follower and f.followeeId in :followees")
	List<String> findFolloweesAmong(@Param("follower") String followerId,
			@Param("followees") Collection<String> followeeIds);

}
