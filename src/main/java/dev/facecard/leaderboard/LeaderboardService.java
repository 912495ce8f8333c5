package dev.facecard.leaderboard;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.facecard.shared.data.Identifiers;
import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.user.UserService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The author and VIP boards (up to 15 users each, replaced whole); owns the leaderboard
 * tables.
 */
@Service
public class LeaderboardService {

	public static final int MAX_ENTRIES = 15;

	private final LeaderboardRepository leaderboards;

	private final UserService users;

	private final Clock clock;

	public LeaderboardService(LeaderboardRepository leaderboards, UserService users, Clock clock) {
		this.leaderboards = leaderboards;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Replaces a board in one transaction (rank = position + 1). Users whose rank changes
	 * get a new {@code updatedAt}, since their profile shows it.
	 */
	@Transactional
	public List<String> replace(Board board, List<String> userIds) {
		validate(userIds);
		Instant now = this.clock.instant();
		if (!this.leaderboards.lockAndTouch(board.key(), now)) {
			throw new IllegalStateException("Migration V1 creates every board");
		}
		List<String> previous = this.leaderboards.findUserIds(board.key());
		this.leaderboards.clear(board.key());
		IntStream.range(0, userIds.size())
			.forEach(index -> this.leaderboards.insert(board.key(), index + 1, userIds.get(index)));
		Map<String, Integer> rankChanged = new HashMap<>();
		for (int index = 0; index < Math.max(previous.size(), userIds.size()); index++) {
			String before = (index < previous.size()) ? previous.get(index) : null;
			String after = (index < userIds.size()) ? userIds.get(index) : null;
			if (before != null && !before.equals(after)) {
				rankChanged.putIfAbsent(before, 0);
			}
			if (after != null && !after.equals(before)) {
				rankChanged.put(after, index + 1);
			}
		}
		this.users.ranksChanged(board.key(), rankChanged, now);
		return List.copyOf(userIds);
	}

	private void validate(List<String> userIds) {
		if (userIds == null) {
			throw new InvalidRequestException("'userIds' is required (an empty array clears the board).");
		}
		if (userIds.size() > MAX_ENTRIES) {
			throw new InvalidRequestException("A board holds at most " + MAX_ENTRIES + " users.");
		}
		userIds.forEach(userId -> Identifiers.requireValid("userIds[]", userId));
		if (new LinkedHashSet<>(userIds).size() != userIds.size()) {
			throw new InvalidRequestException("'userIds' must not repeat a user.");
		}
		if (!userIds.isEmpty()) {
			Set<String> unknown = new LinkedHashSet<>(userIds);
			this.users.existingIds(userIds).forEach(unknown::remove);
			if (!unknown.isEmpty()) {
				throw new InvalidRequestException("Unknown userIds: " + String.join(", ", unknown) + ".");
			}
		}
	}

}
