package dev.facecard.admin;

/**
 * The answer to an avatar upload: where it is served, its strong ETag, and its stored
 * size.
 */
public record AvatarUploadView(String avatarUrl, String etag, int width, int height) {
}
