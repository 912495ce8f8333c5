package dev.facecard.user;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code follows} table: "follower follows followee", one row per pair. */
@Repository
class FollowRepository {

	private final JdbcClient jdbc;

	FollowRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the pair unless it exists; returns 1 when this call created it, 0
	 * otherwise.
	 */
	int insertIfAbsent(String followerId, String followeeId, Instant now) {
		return this.jdbc.sql("""
				insert into follows (follower_id, followee_id, created_at) values (:follower, :followee, :now)
				on conflict do nothing""")
			.param("follower", followerId)
			.param("followee", followeeId)
			.param("now", SqlTimes.utc(now))
			.update();
	}

	/** Returns 1 when this call removed the pair, 0 when it did not exist. */
	int deleteIfPresent(String followerId, String followeeId) {
		return this.jdbc.sql("delete from follows where follower_id = :follower and followee_id = :followee")
			.param("follower", followerId)
			.param("followee", followeeId)
			.update();
	}

	boolean exists(String followerId, String followeeId) {
		return this.jdbc.sql("select count(*) from follows where follower_id = :follower and followee_id = :followee")
			.param("follower", followerId)
			.param("followee", followeeId)
			.query(Long.class)
			.single() > 0;
	}

	/** Which of {@code followeeIds} {@code followerId} follows, in one statement. */
	List<String> findFolloweesAmong(String followerId, Collection<String> followeeIds) {
		if (followeeIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select followee_id from follows where follower_id = :follower and followee_id in (:followees)")
			.param("follower", followerId)
			.param("followees", followeeIds)
			.query(String.class)
			.list();
	}

}
