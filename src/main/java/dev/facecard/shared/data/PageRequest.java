package dev.facecard.shared.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.facecard.shared.web.error.InvalidRequestException;

/**
 * The {@code limit} and {@code cursor} of a listing, read the same way by every listing.
 * Listings page by keyset, never by offset: a cursor is the base64url of the last sort
 * key of the page before it (a listing's name, then the key's parts), so a page costs the
 * same wherever it starts, and rows inserted while a client pages neither repeat nor hide
 * the rows that were there. A cursor that another listing made, or that is not exactly
 * one this code writes, is a 400.
 *
 * @param limit most items of the page, 1 to {@value #MAX_LIMIT}
 * @param cursor where the page starts; null for the first page
 */
public record PageRequest(int limit, String cursor) {

	public static final int DEFAULT_LIMIT = 100;

	public static final int MAX_LIMIT = 1000;

	private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,512}");

	private static final char SEPARATOR = '|';

	/** Reads the query parameters of a listing; either may be null (absent). */
	public static PageRequest of(String limit, String cursor) {
		int size = DEFAULT_LIMIT;
		if (limit != null) {
			size = LIMIT.matcher(limit).matches() ? Integer.parseInt(limit) : 0;
			if (size < 1 || size > MAX_LIMIT) {
				throw new InvalidRequestException("'limit' must be an integer from 1 to " + MAX_LIMIT + ".");
			}
		}
		if (cursor != null && !BASE64URL.matcher(cursor).matches()) {
			throw badCursor();
		}
		return new PageRequest(size, cursor);
	}

	/** Rows to fetch: one more than the limit tells whether a next page exists. */
	public int fetchSize() {
		return this.limit + 1;
	}

	/**
	 * The sort key this page starts after, empty on the first page.
	 * @param listing the listing's name, so that its cursors fit no other listing
	 * @param parts how many parts the listing's key has
	 */
	public Optional<Key> after(String listing, int parts) {
		if (this.cursor == null) {
			return Optional.empty();
		}
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(this.cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw badCursor();
		}
		List<String> fields = List.of(text.split(Pattern.quote(String.valueOf(SEPARATOR)), -1));
		if (fields.size() != parts + 1 || !fields.get(0).equals(listing)) {
			throw badCursor();
		}
		Key key = new Key(fields.subList(1, fields.size()));
		// only the exact bytes this code writes: no padding, no other spelling of a key
		if (!encode(listing, key.parts()).equals(this.cursor)) {
			throw badCursor();
		}
		return Optional.of(key);
	}

	/**
	 * The page of {@code fetched} (up to {@link #fetchSize()} rows in sort order): the
	 * first {@code limit}, and a cursor after the last of them when there were more.
	 */
	public <T> Page<T> page(List<T> fetched, String listing, Function<T, List<String>> key) {
		if (fetched.size() <= this.limit) {
			return new Page<>(fetched, null);
		}
		List<T> items = fetched.subList(0, this.limit);
		return new Page<>(items, encode(listing, key.apply(items.get(items.size() - 1))));
	}

	private static String encode(String listing, List<String> parts) {
		StringBuilder text = new StringBuilder(listing);
		parts.forEach(part -> text.append(SEPARATOR).append(part));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static InvalidRequestException badCursor() {
		return new InvalidRequestException("'cursor' is not a cursor of this listing; start again without one.");
	}

	/** A sort key read from a cursor; a part that does not parse is a 400. */
	public record Key(List<String> parts) {

		public String id(int index) {
			String id = this.parts.get(index);
			if (!Identifiers.isValid(id)) {
				throw badCursor();
			}
			return id;
		}

		public Instant instant(int index) {
			try {
				return Instant.parse(this.parts.get(index));
			}
			catch (DateTimeParseException ex) {
				throw badCursor();
			}
		}

		public int integer(int index) {
			String part = this.parts.get(index);
			if (!DIGITS.matcher(part).matches()) {
				throw badCursor();
			}
			return Integer.parseInt(part);
		}

	}

}
