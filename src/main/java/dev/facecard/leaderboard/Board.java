package dev.facecard.leaderboard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two boards a profile shows a rank on. */
public enum Board {

	AUTHOR, VIP;

	/** The board's name in URLs and in the database. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Board> fromKey(String key) {
		return Arrays.stream(values()).filter(board -> board.key().equals(key)).findFirst();
	}

}
