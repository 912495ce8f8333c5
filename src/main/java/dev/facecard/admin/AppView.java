package dev.facecard.admin;

import dev.facecard.app.App;

/** An app as the admin API shows it; {@code createdAt} in epoch milliseconds. */
public record AppView(String appid, String name, long createdAt) {

	static AppView of(App app) {
		return new AppView(app.getAppid(), app.getName(), app.getCreatedAt().toEpochMilli());
	}

}
