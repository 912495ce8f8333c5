package dev.facecard.shared.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in and out of {@code timestamp with time zone} columns, the same way on
 * PostgreSQL and H2: the PostgreSQL driver takes and gives {@link OffsetDateTime}, not
 * {@link Instant}.
 */
public final class SqlTimes {

	private SqlTimes() {
	}

	/** {@code instant} as a statement parameter (null stays null). */
	public static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	/** The instant in {@code column} of the current row, null for SQL null. */
	public static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
