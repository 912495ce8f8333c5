package dev.facecard.app;

import dev.facecard.shared.data.ReplicatedEvent;

/**
 * An app credential was revoked: its secret must stop working at once, on every instance.
 */
public record AppCredentialRevoked(String tokenHash) implements ReplicatedEvent {
}
