package dev.facecard.app;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;

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

	public Page<StoredApp> page(PageRequest request) {
		Optional<PageRequest.Key> after = request.after(LISTING, 2);
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("select appid, name, created_at from apps"
					+ (after.isPresent() ? " where (created_at, appid) > (:createdAt, :appid)" : "")
					+ " order by created_at, appid fetch first :rows rows only")
			.param("rows", request.fetchSize());
		if (after.isPresent()) {
			statement = statement.param("createdAt", OffsetDateTime.ofInstant(after.get().instant(0), ZoneOffset.UTC))
				.param("appid", after.get().id(1));
		}
		List<StoredApp> apps = statement.query(AppListing::app).list();
		return request.page(apps, LISTING, app -> List.of(app.createdAt().toString(), app.appid()));
	}

	private static StoredApp app(ResultSet row, int index) throws SQLException {
		return new StoredApp(row.getString("appid"), row.getString("name"),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
