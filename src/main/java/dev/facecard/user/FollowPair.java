package dev.facecard.user;

/** "{@code followerId} follows {@code followeeId}", asked of {@link FollowService}. */
public record FollowPair(String followerId, String followeeId) {
}
