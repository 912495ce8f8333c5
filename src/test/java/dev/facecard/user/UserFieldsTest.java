package dev.facecard.user;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usernames and nicknames: {@link UserFields#isLineOfText} against the rule it states as
 * a regular expression (Java's count code points, not UTF-16 units), on named edges and
 * on generated texts of a fixed seed.
 */
class UserFieldsTest {

	private static final Pattern RULE = Pattern.compile("[^\\p{Cc}]{1," + UserFields.MAX_USERNAME + "}");

	/**
	 * Letters, a space, control characters of both blocks (C0, DEL, C1), format
	 * characters that are not controls, an emoji's surrogate pair, lone surrogates.
	 */
	private static final String[] PIECES = { "a", "Z", "9", " ", "\u00e9", "\u4e2d", "\u0000", "\t", "\u001f", "\u007f",
			"\u0085", "\u009f", "\u200b", "\u2028", "\ufeff", "\ud83d\ude00", "\ud800", "\udc00" };

	@Test
	void edges() {
		assertThat(UserFields.isValidUsername(null)).isFalse();
		assertThat(UserFields.isValidUsername("")).isFalse();
		assertThat(UserFields.isValidUsername("   ")).isFalse();
		assertThat(UserFields.isValidUsername("13800138000")).isTrue();
		assertThat(UserFields.isValidUsername("x".repeat(64))).isTrue();
		assertThat(UserFields.isValidUsername("x".repeat(65))).isFalse();
		assertThat(UserFields.isValidUsername("\ud83d\ude00".repeat(64))).as("64 emoji, 128 UTF-16 units").isTrue();
		assertThat(UserFields.isValidUsername("\ud83d\ude00".repeat(65))).isFalse();
		assertThat(UserFields.isValidUsername("a\nb")).isFalse();
		assertThat(UserFields.isValidUsername("a\u0085")).as("NEL, a C1 control").isFalse();
		assertThat(UserFields.isValidUsername("a\ud800")).as("a lone surrogate, one character and no control").isTrue();
		assertThat(UserFields.isValidUsername("\ud800".repeat(65))).isFalse();
	}

	@Test
	void agreesWithTheRuleOnGeneratedTexts() {
		Random random = new Random(20261207);
		for (int i = 0; i < 20_000; i++) {
			int pieces = (i % 4 == 0) ? 60 + random.nextInt(8) : random.nextInt(6);
			StringBuilder text = new StringBuilder();
			for (int j = 0; j < pieces; j++) {
				// mostly letters, so that long valid texts come up too
				text.append(
						(random.nextInt(10) > 0) ? PIECES[random.nextInt(6)] : PIECES[random.nextInt(PIECES.length)]);
			}
			String line = text.toString();
			assertThat(UserFields.isLineOfText(line, UserFields.MAX_USERNAME)).as("%s", line)
				.isEqualTo(RULE.matcher(line).matches());
		}
	}

}
