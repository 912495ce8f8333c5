package dev.facecard.user;

import dev.facecard.shared.data.ReplicatedEvent;

/** A follow was created or removed (published after commit, like {@link UserChanged}). */
public record FollowChanged(String followerId, String followeeId) implements ReplicatedEvent {
}
