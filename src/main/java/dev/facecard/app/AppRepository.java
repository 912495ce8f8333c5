package dev.facecard.app;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code apps} table. */
@Repository
class AppRepository {

	private final JdbcClient jdbc;

	AppRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean existsById(String appid) {
		return this.jdbc.sql("select count(*) from apps where appid = :appid")
			.param("appid", appid)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Inserts {@code app}; a duplicate appid fails with a {@code DuplicateKeyException}.
	 */
	StoredApp insert(StoredApp app) {
		this.jdbc.sql("insert into apps (appid, name, created_at) values (:appid, :name, :createdAt)")
			.param("appid", app.appid())
			.param("name", app.name())
			.param("createdAt", SqlTimes.utc(app.createdAt()))
			.update();
		return app;
	}

}
