package dev.facecard.auth;

/** An API key was revoked: its token must stop working at once. */
public record ApiKeyRevoked(String tokenHash) {
}
