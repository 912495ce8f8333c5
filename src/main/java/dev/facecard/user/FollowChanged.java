package dev.facecard.user;

/** A follow was created or removed (published after commit, like {@link UserChanged}). */
public record FollowChanged(String followerId, String followeeId) {
}
