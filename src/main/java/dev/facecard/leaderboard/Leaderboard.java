package dev.facecard.leaderboard;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A board's own row: locked while the board is replaced, so replacements take turns. */
@Entity
@Table(name = "leaderboards")
class Leaderboard {

	@Id
	private String board;

	private Instant updatedAt;

	protected Leaderboard() {
	}

	void touch(Instant now) {
		this.updatedAt = now;
	}

}
