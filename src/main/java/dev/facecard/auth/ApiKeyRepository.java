package dev.facecard.auth;

import java.time.Instant;
import java.util.Optional;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table. */
@Repository
class ApiKeyRepository {

	private final JdbcClient jdbc;

	ApiKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The owner of a key and whether the key works (not revoked, owner not banned), in
	 * one statement.
	 */
	Optional<ApiKeyOwner> findOwner(String tokenHash) {
		return this.jdbc.sql("""
				select k.user_id, (k.revoked_at is null and u.banned = false) as active
				from api_keys k join users u on u.user_id = k.user_id
				where k.token_hash = :hash""")
			.param("hash", tokenHash)
			.query((row, rowNum) -> new ApiKeyOwner(row.getString("user_id"), row.getBoolean("active")))
			.optional();
	}

	/** The owner and token hash of key {@code id}. */
	Optional<StoredKey> findById(String id) {
		return this.jdbc.sql("select user_id, token_hash from api_keys where id = :id")
			.param("id", id)
			.query((row, rowNum) -> new StoredKey(id, row.getString("user_id"), row.getString("token_hash")))
			.optional();
	}

	void insert(String id, String userId, String tokenHash, Instant createdAt) {
		this.jdbc.sql("""
				insert into api_keys (id, user_id, token_hash, created_at)
				values (:id, :userId, :tokenHash, :createdAt)""")
			.param("id", id)
			.param("userId", userId)
			.param("tokenHash", tokenHash)
			.param("createdAt", SqlTimes.utc(createdAt))
			.update();
	}

	/** Marks the key revoked at {@code now}, unless it is revoked already. */
	void revoke(String id, Instant now) {
		this.jdbc.sql("update api_keys set revoked_at = :now where id = :id and revoked_at is null")
			.param("now", SqlTimes.utc(now))
			.param("id", id)
			.update();
	}

	/** A key as revocation needs it: whose it is and the hash caches know it by. */
	record StoredKey(String id, String userId, String tokenHash) {
	}

}
