package dev.facecard.leaderboard;

import java.time.Instant;
import java.util.List;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code leaderboards} rows (one per board, locked while the board is replaced, so
 * replacements take turns) and their {@code leaderboard_entries}.
 */
@Repository
class LeaderboardRepository {

	private final JdbcClient jdbc;

	LeaderboardRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the board's row until the transaction ends and marks it changed at
	 * {@code now}; false when there is no such board.
	 */
	boolean lockAndTouch(String board, Instant now) {
		return this.jdbc.sql("update leaderboards set updated_at = :now where board = :board")
			.param("now", SqlTimes.utc(now))
			.param("board", board)
			.update() == 1;
	}

	/** The board's user ids, first place first. */
	List<String> findUserIds(String board) {
		return this.jdbc.sql("select user_id from leaderboard_entries where board = :board order by rank_no")
			.param("board", board)
			.query(String.class)
			.list();
	}

	void clear(String board) {
		this.jdbc.sql("delete from leaderboard_entries where board = :board").param("board", board).update();
	}

	void insert(String board, int rank, String userId) {
		this.jdbc.sql("insert into leaderboard_entries (board, rank_no, user_id) values (:board, :rank, :userId)")
			.param("board", board)
			.param("rank", rank)
			.param("userId", userId)
			.update();
	}

}
