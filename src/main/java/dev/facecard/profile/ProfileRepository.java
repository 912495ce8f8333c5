package dev.facecard.profile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import dev.facecard.shared.data.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads profile cards: one indexed row each, the board ranks included (the users row
 * holds a copy of them, kept by LeaderboardService); for its owner, with the username and
 * app too.
 */
@Repository
class ProfileRepository {

	private static final String SELECT_PROFILE = "select " + ProfileRepository.CARD_COLUMNS + " from users u ";

	private static final String CARD_COLUMNS = """
			u.user_id, u.nickname, u.bio, u.profile_bg_url, u.status_sticker_url, u.avatar_hash,
			       u.vip_level, u.author_level, u.member_until, u.official, u.banned, u.hide_patron_identity,
			       u.hide_social_from_public, u.card_count, u.follower_count, u.following_count,
			       u.created_at, u.updated_at, u.top_author_rank, u.top_vip_rank
			""";

	private final JdbcClient jdbc;

	ProfileRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The card's rows of those of {@code userIds} that exist, with what only their owners
	 * see, in one statement.
	 */
	List<OwnProfileRow> findOwnAll(Collection<String> userIds) {
		return this.jdbc
			.sql("select " + CARD_COLUMNS + ", u.username, u.appid from users u where u.user_id in (:userIds)")
			.param("userIds", userIds)
			.query((rs, rowNum) -> new OwnProfileRow(row(rs, rowNum), rs.getString("username"), rs.getString("appid")))
			.list();
	}

	/** The rows of those of {@code userIds} that exist, in one statement. */
	List<ProfileRow> findAll(Collection<String> userIds) {
		return this.jdbc.sql(SELECT_PROFILE + "where u.user_id in (:userIds)")
			.param("userIds", userIds)
			.query(ProfileRepository::row)
			.list();
	}

	private static ProfileRow row(ResultSet rs, int rowNum) throws SQLException {
		return new ProfileRow(rs.getString("user_id"), rs.getString("nickname"), rs.getString("bio"),
				rs.getString("profile_bg_url"), rs.getString("status_sticker_url"), rs.getString("avatar_hash"),
				rs.getInt("vip_level"), rs.getInt("author_level"), SqlTimes.instant(rs, "member_until"),
				rs.getBoolean("official"), rs.getBoolean("banned"), rs.getBoolean("hide_patron_identity"),
				rs.getBoolean("hide_social_from_public"), rs.getInt("card_count"), rs.getLong("follower_count"),
				rs.getLong("following_count"), SqlTimes.instant(rs, "created_at"), SqlTimes.instant(rs, "updated_at"),
				rs.getObject("top_author_rank", Integer.class), rs.getObject("top_vip_rank", Integer.class));
	}

}
