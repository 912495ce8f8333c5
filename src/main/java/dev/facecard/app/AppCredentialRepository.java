package dev.facecard.app;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code app_credentials} table. */
@Repository
class AppCredentialRepository {

	private static final String COLUMNS = "id, appid, token_hash, created_at, revoked_at";

	private final JdbcClient jdbc;

	AppCredentialRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The app of a credential and whether it works (not revoked), in one statement. */
	Optional<AppCredentialOwner> findOwner(String tokenHash) {
		return this.jdbc.sql("select appid, revoked_at is null as active from app_credentials where token_hash = :hash")
			.param("hash", tokenHash)
			.query((row, rowNum) -> new AppCredentialOwner(row.getString("appid"), row.getBoolean("active")))
			.optional();
	}

	Optional<AppCredential> findById(String id) {
		return this.jdbc.sql("select " + COLUMNS + " from app_credentials where id = :id")
			.param("id", id)
			.query(AppCredentialRepository::credential)
			.optional();
	}

	/** The credentials of {@code appid}, revoked ones included, oldest first. */
	List<AppCredential> findByAppid(String appid) {
		return this.jdbc.sql("select " + COLUMNS + " from app_credentials where appid = :appid order by created_at, id")
			.param("appid", appid)
			.query(AppCredentialRepository::credential)
			.list();
	}

	/** Inserts a new credential (not revoked). */
	void insert(AppCredential credential) {
		this.jdbc.sql("""
				insert into app_credentials (id, appid, token_hash, created_at)
				values (:id, :appid, :tokenHash, :createdAt)""")
			.param("id", credential.id())
			.param("appid", credential.appid())
			.param("tokenHash", credential.tokenHash())
			.param("createdAt", SqlTimes.utc(credential.createdAt()))
			.update();
	}

	/** Marks the credential revoked at {@code now}, unless it is revoked already. */
	void revoke(String id, Instant now) {
		this.jdbc.sql("update app_credentials set revoked_at = :now where id = :id and revoked_at is null")
			.param("now", SqlTimes.utc(now))
			.param("id", id)
			.update();
	}

	private static AppCredential credential(ResultSet row, int rowNum) throws SQLException {
		return new AppCredential(row.getString("id"), row.getString("appid"), row.getString("token_hash"),
				SqlTimes.instant(row, "created_at"), SqlTimes.instant(row, "revoked_at"));
	}

}
