package dev.facecard.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.facecard.app.AppScope;
import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;
import dev.facecard.user.UserService;
import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's API keys, oldest first, a page at a time (index
 * {@code ix_api_keys_user_created}). The token hash is never selected.
 */
@Component
public class ApiKeyListing {

	private static final String LISTING = "api-keys";

	private final JdbcClient jdbc;

	private final UserService users;

	ApiKeyListing(JdbcClient jdbc, UserService users) {
		this.jdbc = jdbc;
		this.users = users;
	}

	/**
	 * A page of the keys of {@code userId}; a user out of {@code scope} is not found,
	 * like one that does not exist.
	 */
	public Page<StoredApiKey> page(String userId, PageRequest request, AppScope scope) {
		Optional<PageRequest.Key> after = request.after(LISTING, 2);
		if (!scope.isPlatform()) {
			// a page of another app's keys would tell that its user exists: asked first
			this.users.requireExists(scope, userId);
		}
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("select id, created_at, revoked_at, last_used_at from api_keys where user_id = :userId"
					+ (after.isPresent() ? " and (created_at, id) > (:createdAt, :id)" : "")
					+ " order by created_at, id fetch first :rows rows only")
			.param("userId", userId)
			.param("rows", request.fetchSize());
		if (after.isPresent()) {
			statement = statement.param("createdAt", SqlTimes.utc(after.get().instant(0)))
				.param("id", after.get().id(1));
		}
		List<StoredApiKey> keys = statement.query(ApiKeyListing::key).list();
		// keys have a user: only an empty page needs to ask whether there is one
		if (keys.isEmpty() && scope.isPlatform()) {
			this.users.requireExists(scope, userId);
		}
		return request.page(keys, LISTING, key -> List.of(key.createdAt().toString(), key.id()));
	}

	private static StoredApiKey key(ResultSet row, int index) throws SQLException {
		return new StoredApiKey(row.getString("id"), SqlTimes.instant(row, "created_at"),
				SqlTimes.instant(row, "revoked_at"), SqlTimes.instant(row, "last_used_at"));
	}

}
