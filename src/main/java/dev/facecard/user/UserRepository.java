package dev.facecard.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code users} table. {@link #update} writes only the columns that changed since the
 * user was read; the follow counters and board ranks are written by statements of their
 * own, never from a {@link User}.
 */
@Repository
class UserRepository {

	/** The columns a {@link User} writes after its insert, with their values. */
	private static final List<Column> WRITTEN = List.of(new Column("username", User::getUsername),
			new Column("nickname", User::getNickname), new Column("bio", User::getBio),
			new Column("profile_bg_url", User::getProfileBgUrl),
			new Column("status_sticker_url", User::getStatusStickerUrl), new Column("avatar_hash", User::getAvatarHash),
			new Column("avatar_updated_at", user -> SqlTimes.utc(user.getAvatarUpdatedAt())),
			new Column("vip_level", User::getVipLevel), new Column("author_level", User::getAuthorLevel),
			new Column("member_until", user -> SqlTimes.utc(user.getMemberUntil())),
			new Column("official", User::isOfficial), new Column("banned", User::isBanned),
			new Column("hide_patron_identity", User::isHidePatronIdentity),
			new Column("hide_social_from_public", User::isHideSocialFromPublic),
			new Column("card_count", User::getCardCount),
			new Column("updated_at", user -> SqlTimes.utc(user.getUpdatedAt())));

	private static final String INSERT = "insert into users (user_id, appid, created_at, "
			+ String.join(", ", WRITTEN.stream().map(Column::name).toList()) + ") values (?, ?, ?"
			+ ", ?".repeat(WRITTEN.size()) + ")";

	private static final String SELECT = """
			select user_id, appid, username, nickname, bio, profile_bg_url, status_sticker_url, avatar_hash,
			    avatar_updated_at, vip_level, author_level, member_until, official, banned, hide_patron_identity,
			    hide_social_from_public, card_count, follower_count, following_count, created_at, updated_at
			from users
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	UserRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	Optional<User> findById(String userId) {
		return this.jdbc.sql(SELECT + "where user_id = :userId")
			.param("userId", userId)
			.query(UserRepository::user)
			.optional();
	}

	/**
	 * The user, its row locked until the transaction ends: read-modify-write of one user
	 * takes turns.
	 */
	Optional<User> findForUpdate(String userId) {
		return this.jdbc.sql(SELECT + "where user_id = :userId for update")
			.param("userId", userId)
			.query(UserRepository::user)
			.optional();
	}

	/** The users of {@code usernames} in app {@code appid}. */
	List<User> findByUsernames(String appid, Collection<String> usernames) {
		if (usernames.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(SELECT + "where appid = :appid and username in (:usernames)")
			.param("appid", appid)
			.param("usernames", usernames)
			.query(UserRepository::user)
			.list();
	}

	/** Which of {@code userIds} name a user. */
	List<String> findExistingIds(Collection<String> userIds) {
		if (userIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select user_id from users where user_id in (:userIds)")
			.param("userIds", userIds)
			.query(String.class)
			.list();
	}

	boolean existsById(String userId) {
		return exists("select count(*) from users where user_id = :userId", Map.of("userId", userId));
	}

	boolean existsByUserIdAndAppid(String userId, String appid) {
		return exists("select count(*) from users where user_id = :userId and appid = :appid",
				Map.of("userId", userId, "appid", appid));
	}

	boolean existsByAppidAndUsername(String appid, String username) {
		return exists("select count(*) from users where appid = :appid and username = :username",
				Map.of("appid", appid, "username", username));
	}

	/** Inserts {@code users} in one batch; a duplicate id or username fails it. */
	void insert(List<User> users) {
		if (users.isEmpty()) {
			return;
		}
		this.template.batchUpdate(INSERT, users, users.size(), (statement, user) -> {
			List<Object> values = values(user);
			statement.setObject(1, user.getUserId());
			statement.setObject(2, user.getAppid());
			statement.setObject(3, SqlTimes.utc(user.getCreatedAt()));
			for (int i = 0; i < values.size(); i++) {
				statement.setObject(i + 4, values.get(i));
			}
		});
		users.forEach(user -> user.storedValues(values(user)));
	}

	/**
	 * Writes the columns of {@code user} that changed since it was read or written;
	 * nothing when none did.
	 */
	void update(User user) {
		List<Object> values = values(user);
		List<Object> stored = user.storedValues();
		List<String> assignments = new ArrayList<>();
		List<Object> changed = new ArrayList<>();
		for (int i = 0; i < WRITTEN.size(); i++) {
			if (!Objects.equals(values.get(i), stored.get(i))) {
				assignments.add(WRITTEN.get(i).name() + " = ?");
				changed.add(values.get(i));
			}
		}
		if (assignments.isEmpty()) {
			return;
		}
		changed.add(user.getUserId());
		// setObject, not Spring's null handling: a cleared field is a typeless null to
		// both databases
		this.template.update("update users set " + String.join(", ", assignments) + " where user_id = ?", statement -> {
			for (int i = 0; i < changed.size(); i++) {
				statement.setObject(i + 1, changed.get(i));
			}
		});
		user.storedValues(values);
	}

	int addToFollowingCount(String userId, int delta, Instant now) {
		return this.jdbc.sql(
				"update users set following_count = following_count + :delta, updated_at = :now where user_id = :userId")
			.param("delta", delta)
			.param("now", SqlTimes.utc(now))
			.param("userId", userId)
			.update();
	}

	int addToFollowerCount(String userId, int delta, Instant now) {
		return this.jdbc
			.sql("update users set follower_count = follower_count + :delta, updated_at = :now where user_id = :userId")
			.param("delta", delta)
			.param("now", SqlTimes.utc(now))
			.param("userId", userId)
			.update();
	}

	/**
	 * Sets a user's rank on a board ({@code author} or {@code vip}); 0 takes them off it.
	 */
	int setRank(String userId, String board, int rank, Instant now) {
		String column = switch (board) {
			case "author" -> "top_author_rank";
			case "vip" -> "top_vip_rank";
			default -> throw new IllegalArgumentException("No board '" + board + "'");
		};
		return this.jdbc.sql("update users set " + column + " = :rank, updated_at = :now where user_id = :userId")
			.param("rank", (rank != 0) ? rank : null, Types.INTEGER)
			.param("now", SqlTimes.utc(now))
			.param("userId", userId)
			.update();
	}

	private boolean exists(String countSql, Map<String, ?> params) {
		return this.jdbc.sql(countSql).params(params).query(Long.class).single() > 0;
	}

	private static List<Object> values(User user) {
		List<Object> values = new ArrayList<>(WRITTEN.size());
		WRITTEN.forEach(column -> values.add(column.value().apply(user)));
		return values;
	}

	private static User user(ResultSet row, int rowNum) throws SQLException {
		User user = User.stored(row.getString("user_id"), row.getString("appid"), row.getString("username"),
				SqlTimes.instant(row, "created_at"), SqlTimes.instant(row, "updated_at"),
				new User.Fields(row.getString("nickname"), row.getString("bio"), row.getString("profile_bg_url"),
						row.getString("status_sticker_url"), row.getString("avatar_hash"),
						SqlTimes.instant(row, "avatar_updated_at"), row.getInt("vip_level"), row.getInt("author_level"),
						SqlTimes.instant(row, "member_until"), row.getBoolean("official"), row.getBoolean("banned"),
						row.getBoolean("hide_patron_identity"), row.getBoolean("hide_social_from_public"),
						row.getInt("card_count"), row.getLong("follower_count"), row.getLong("following_count")));
		user.storedValues(values(user));
		return user;
	}

	/** A column a {@link User} writes, and its value as a statement parameter. */
	private record Column(String name, Function<User, Object> value) {
	}

}
