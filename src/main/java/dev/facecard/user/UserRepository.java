package dev.facecard.user;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface UserRepository extends JpaRepository<User, String> {

	boolean existsByAppidAndUsername(String appid, String username);

	boolean existsByUserIdAndAppid(String userId, String appid);

	/**
	 * The user, its row locked until the transaction ends: read-modify-write of one user
	 * takes turns.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.userId = :userId")
	Optional<User> findForUpdate(@Param("userId") String userId);

	/** The users of {@code usernames} in app {@code appid}. */
	@Query("select u from User u where u.appid = :appid and u.username in :usernames")
	List<User> findByUsernames(@Param("appid") String appid, @Param("usernames") Collection<String> usernames);

	@Query("select u.userId from User u where u.userId in :userIds")
	List<String> findExistingIds(@Param("userIds") Collection<String> userIds);

	@Modifying
	@Query(value = "update users set following_count = following_count + :delta, updated_at = :now "
			+ "where user_id = :userId", nativeQuery = true)
	int addToFollowingCount(@Param("userId") String userId, @Param("delta") int delta, @Param("now") Instant now);

	@Modifying
	@Query(value = "update users set follower_count = follower_count + :delta, updated_at = :now where user_id = :userId",
			nativeQuery = true)
	int addToFollowerCount(@Param("userId") String userId, @Param("delta") int delta, @Param("now") Instant now);

	/**
	 * Sets a user's rank on a board ({@code author} or {@code vip}); 0 takes them off it.
	 */
	@Modifying
	@Query(value = """
			update users set
			    top_author_rank = case when :board = 'author' then nullif(:rank, 0) else top_author_rank end,
			    top_vip_rank = case when :board = 'vip' then nullif(:rank, 0) else top_vip_rank end,
			    updated_at = :now
			where user_id = :userId""", nativeQuery = true)
	int setRank(@Param("userId") String userId, @Param("board") String board, @Param("rank") int rank,
			@Param("now") Instant now);

}
