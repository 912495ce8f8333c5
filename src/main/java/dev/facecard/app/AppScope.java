package dev.facecard.app;

import java.util.Objects;

/**
 * Whose data a caller of the admin API reaches: every app's (the platform admin token),
 * or one app's (that app's credential). Services that read or change an app's data take
 * one and answer for data outside it exactly as for data that does not exist.
 */
public final class AppScope {

	/** Every app: the platform admin token. */
	public static final AppScope PLATFORM = new AppScope(null);

	private final String appid;

	private AppScope(String appid) {
		this.appid = appid;
	}

	/** One app's data only: a credential of {@code appid}. */
	public static AppScope of(String appid) {
		return new AppScope(Objects.requireNonNull(appid, "appid"));
	}

	public boolean isPlatform() {
		return this.appid == null;
	}

	/** The one app reached, or null for the platform. */
	public String appid() {
		return this.appid;
	}

	/** Whether data of app {@code appid} is within reach. */
	public boolean reaches(String appid) {
		return this.appid == null || this.appid.equals(appid);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AppScope scope && Objects.equals(this.appid, scope.appid);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.appid);
	}

	@Override
	public String toString() {
		return isPlatform() ? "AppScope[platform]" : "AppScope[" + this.appid + "]";
	}

}
