package dev.facecard.auth;

/** Whose an API key is, and whether it works: not revoked, and its owner not banned. */
public record ApiKeyOwner(String userId, boolean active) {
}
