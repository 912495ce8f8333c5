package dev.facecard.leaderboard;

import java.util.List;

import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A board's places, first place first, a page at a time (by its primary key, board and
 * rank).
 */
@Component
public class LeaderboardListing {

	private static final String LISTING = "leaderboard";

	private final JdbcClient jdbc;

	LeaderboardListing(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Page<RankedUser> page(Board board, PageRequest request) {
		int afterRank = request.after(LISTING + "-" + board.key(), 1).map(key -> key.integer(0)).orElse(0);
		List<RankedUser> places = this.jdbc
			.sql("select rank_no, user_id from leaderboard_entries where board = :board and rank_no > :afterRank"
					+ " order by rank_no fetch first :rows rows only")
			.param("board", board.key())
			.param("afterRank", afterRank)
			.param("rows", request.fetchSize())
			.query((row, index) -> new RankedUser(row.getInt("rank_no"), row.getString("user_id")))
			.list();
		return request.page(places, LISTING + "-" + board.key(), place -> List.of(String.valueOf(place.rank())));
	}

}
