package dev.facecard.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.facecard.app.AppScope;
import dev.facecard.app.AppService;
import dev.facecard.shared.data.Identifiers;
import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;
import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The users of an app, oldest first, a page at a time (index
 * {@code ix_users_app_created}; with a username, the unique index on it).
 */
@Component
public class UserListing {

	private static final String LISTING = "users";

	private static final int MAX_USERNAME_LENGTH = 256;

	private final JdbcClient jdbc;

	private final AppService apps;

	UserListing(JdbcClient jdbc, AppService apps) {
		this.jdbc = jdbc;
		this.apps = apps;
	}

	/**
	 * A page of app {@code appid}'s users; {@code username} (exact), when not null, keeps
	 * only the user of that name. An app out of {@code scope} is not found, like one that
	 * does not exist.
	 */
	public Page<StoredUser> page(String appid, String username, PageRequest request, AppScope scope) {
		if (appid == null) {
			throw new InvalidRequestException("'appid' is required.");
		}
		Identifiers.requireValid("appid", appid);
		if (username != null && (username.isEmpty() || username.length() > MAX_USERNAME_LENGTH)) {
			throw new InvalidRequestException("'username' must be 1 to " + MAX_USERNAME_LENGTH + " characters.");
		}
		Optional<PageRequest.Key> after = request.after(LISTING, 2);
		if (!scope.reaches(appid)) {
			throw AppService.notFound(appid);
		}
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("select * from users where appid = :appid" + ((username != null) ? " and username = :username" : "")
					+ (after.isPresent() ? " and (created_at, user_id) > (:createdAt, :userId)" : "")
					+ " order by created_at, user_id fetch first :rows rows only")
			.param("appid", appid)
			.param("rows", request.fetchSize());
		if (username != null) {
			statement = statement.param("username", username);
		}
		if (after.isPresent()) {
			statement = statement.param("createdAt", SqlTimes.utc(after.get().instant(0)))
				.param("userId", after.get().id(1));
		}
		List<StoredUser> users = statement.query(UserListing::user).list();
		// a page with users is of an app that exists: only an empty one needs to ask
		if (users.isEmpty() && !this.apps.exists(appid)) {
			throw AppService.notFound(appid);
		}
		return request.page(users, LISTING, user -> List.of(user.createdAt().toString(), user.userId()));
	}

	private static StoredUser user(ResultSet row, int index) throws SQLException {
		return new StoredUser(row.getString("user_id"), row.getString("appid"), row.getString("username"),
				row.getString("nickname"), row.getString("bio"), row.getString("avatar_hash"),
				row.getString("profile_bg_url"), row.getString("status_sticker_url"), row.getInt("vip_level"),
				row.getInt("author_level"), SqlTimes.instant(row, "member_until"), row.getBoolean("official"),
				row.getBoolean("banned"), row.getBoolean("hide_patron_identity"),
				row.getBoolean("hide_social_from_public"), row.getInt("card_count"), row.getLong("follower_count"),
				row.getLong("following_count"), SqlTimes.instant(row, "created_at"),
				SqlTimes.instant(row, "updated_at"));
	}

}
