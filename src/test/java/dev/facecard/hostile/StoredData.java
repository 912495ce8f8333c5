package dev.facecard.hostile;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fingerprint of everything Facecard stores: one digest per table over every row, so
 * "this request changed nothing" is one comparison. Avatars are taken by hash and size
 * (the hash is of the bytes), API keys without when they were last used.
 */
final class StoredData {

	private static final List<String> TABLES = List.of("apps", "users", "follows", "leaderboards",
			"leaderboard_entries", "app_credentials");

	private StoredData() {
	}

	static String fingerprint(JdbcTemplate jdbc) {
		StringBuilder fingerprint = new StringBuilder();
		for (String table : TABLES) {
			fingerprint.append(table)
				.append('=')
				.append(digest(jdbc, "select t::text as row from " + table + " t"))
				.append(' ');
		}
		// when a key was last used is bookkeeping that any request with a valid key may
		// write (off the request); every other column of a key is data
		fingerprint.append("api_keys=")
			.append(digest(jdbc,
					"select concat_ws('|', id, user_id, token_hash, created_at, revoked_at) as row " + "from api_keys"))
			.append(' ');
		fingerprint.append("avatars=")
			.append(digest(jdbc,
					"select concat_ws('|', hash, byte_size, width, height, created_at) as row from avatars"));
		return fingerprint.toString();
	}

	private static String digest(JdbcTemplate jdbc, String rows) {
		return jdbc.queryForObject("select count(*) || ':' || md5(coalesce(string_agg(row, E'\\n' order by row), ''))"
				+ " from (" + rows + ") r", String.class);
	}

}
