package dev.facecard.app;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;
import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every app, oldest first, a page at a time (index {@code ix_apps_created}). */
@Component
public class AppListing {

	private static final String LISTING = "apps";

	private final JdbcClient jdbc;

	AppListing(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A page of the apps {@code scope} reaches: every app, or its one app. */
	public Page<StoredApp> page(PageRequest request, AppScope scope) {
		Optional<PageRequest.Key> after = request.after(LISTING, 2);
		List<String> conditions = new ArrayList<>();
		if (!scope.isPlatform()) {
			conditions.add("appid = :scope");
		}
		if (after.isPresent()) {
			conditions.add("(created_at, appid) > (:createdAt, :appid)");
		}
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("select appid, name, created_at from apps"
					+ (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
					+ " order by created_at, appid fetch first :rows rows only")
			.param("rows", request.fetchSize());
		if (!scope.isPlatform()) {
			statement = statement.param("scope", scope.appid());
		}
		if (after.isPresent()) {
			statement = statement.param("createdAt", SqlTimes.utc(after.get().instant(0)))
				.param("appid", after.get().id(1));
		}
		List<StoredApp> apps = statement.query(AppListing::app).list();
		return request.page(apps, LISTING, app -> List.of(app.createdAt().toString(), app.appid()));
	}

	private static StoredApp app(ResultSet row, int index) throws SQLException {
		return new StoredApp(row.getString("appid"), row.getString("name"), SqlTimes.instant(row, "created_at"));
	}

}
