package dev.facecard.leaderboard;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface LeaderboardRepository extends Repository<Leaderboard, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select l from Leaderboard l where l.board = :board")
	Optional<Leaderboard> lock(@Param("board") String board);

	/** The board's user ids, first place first. */
	@Query(value = "select user_id from leaderboard_entries where board = :board order by rank_no", nativeQuery = true)
	List<String> findUserIds(@Param("board") String board);

	@Modifying
	@Query(value = "delete from leaderboard_entries where board = :board", nativeQuery = true)
	int clear(@Param("board") String board);

	@Modifying
	@Query(value = "insert into leaderboard_entries (board, rank_no, user_id) values (:board, :rank, :userId)",
			nativeQuery = true)
	int insert(@Param("board") String board, @Param("rank") int rank, @Param("userId") String userId);

}
