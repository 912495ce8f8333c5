package dev.facecard.user;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

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

	/** Which of {@code pairs} are follows, in one statement. */
	Set<FollowPair> findExisting(Collection<FollowPair> pairs) {
		if (pairs.isEmpty()) {
			return Set.of();
		}
		// each Object[] becomes a "(?, ?)" of the list: (follower_id, followee_id) in
		// ((…), (…))
		List<Object[]> tuples = pairs.stream()
			.map(pair -> new Object[] { pair.followerId(), pair.followeeId() })
			.toList();
		return Set.copyOf(this.jdbc
			.sql("select follower_id, followee_id from follows where (follower_id, followee_id) in (:pairs)")
			.param("pairs", tuples)
			.query((rs, rowNum) -> new FollowPair(rs.getString(1), rs.getString(2)))
			.list());
	}

}
