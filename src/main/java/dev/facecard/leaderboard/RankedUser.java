package dev.facecard.leaderboard;

/** A place on a board: rank 1 is first. */
public record RankedUser(int rank, String userId) {
}
