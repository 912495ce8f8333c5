package dev.facecard.app;

/** Whose a credential is, and whether it works (not revoked). */
record AppCredentialOwner(String appid, boolean active) {
}
