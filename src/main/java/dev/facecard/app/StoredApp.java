package dev.facecard.app;

import java.time.Instant;

/** An app as stored. */
public record StoredApp(String appid, String name, Instant createdAt) {

}
