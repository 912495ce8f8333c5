package dev.facecard.auth;

import dev.facecard.shared.data.ReplicatedEvent;

/** An API key was revoked: its token must stop working at once. */
public record ApiKeyRevoked(String tokenHash) implements ReplicatedEvent {
}
