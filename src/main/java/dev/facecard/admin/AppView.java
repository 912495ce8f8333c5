package dev.facecard.admin;

import dev.facecard.app.StoredApp;

/** An app as the admin API shows it; {@code createdAt} in epoch milliseconds. */
public record AppView(String appid, String name, long createdAt) {

	static AppView of(StoredApp app) {
		return new AppView(app.appid(), app.name(), app.createdAt().toEpochMilli());
	}

}
