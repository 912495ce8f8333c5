package dev.facecard.admin;

import java.util.List;

/** A board and its users, first place first. */
public record LeaderboardView(String board, List<String> userIds) {
}
