package dev.facecard.admin;

import java.util.List;

import dev.facecard.leaderboard.Board;
import dev.facecard.leaderboard.LeaderboardService;
import dev.facecard.shared.web.JsonFields;
import dev.facecard.shared.web.error.NotFoundException;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The boards rank users of every app: the platform's to fill and read. */
@RestController
@PlatformOnly
class AdminLeaderboardController implements AdminApi {

	private final LeaderboardService leaderboards;

	AdminLeaderboardController(LeaderboardService leaderboards) {
		this.leaderboards = leaderboards;
	}

	@PutMapping("/admin/leaderboards/{board}")
	LeaderboardView replace(@PathVariable String board, @RequestBody JsonNode body) {
		Board target = board(board);
		List<String> userIds = JsonFields.of(body, List.of("userIds")).strings("userIds");
		return new LeaderboardView(target.key(), this.leaderboards.replace(target, userIds));
	}

	/** The board a path names; 404 for any other name. */
	static Board board(String key) {
		return Board.fromKey(key).orElseThrow(() -> new NotFoundException("Boards are 'author' and 'vip'."));
	}

}
