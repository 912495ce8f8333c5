package dev.facecard.avatar;

import java.time.Instant;

/** A row of {@link AvatarRepository}: an image's hash, bytes, and the time its URL last changed. */
public record StoredImage(String hash, byte[] jpeg, Instant lastModified) {
}
