package dev.facecard.shared.data;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Identifiers#isValid} against the rule it states, {@code [A-Za-z0-9_-]{1,64}}, as
 * a regular expression: named edges, then generated texts of a fixed seed.
 */
class IdentifiersTest {

	private static final Pattern RULE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/** Each allowed character class, its neighbours in ASCII, and beyond ASCII. */
	private static final String ALPHABET = "azAZ09_-`{@[/:.+ \t\u0000\u007f\u00e9\u0130\u212a\uff21\ud83d\ude00\ud800";

	@Test
	void edges() {
		assertThat(Identifiers.isValid(null)).isFalse();
		assertThat(Identifiers.isValid("")).isFalse();
		assertThat(Identifiers.isValid("a")).isTrue();
		assertThat(Identifiers.isValid("b_1-X9")).isTrue();
		assertThat(Identifiers.isValid("x".repeat(64))).isTrue();
		assertThat(Identifiers.isValid("x".repeat(65))).isFalse();
		assertThat(Identifiers.isValid("user 1")).isFalse();
		assertThat(Identifiers.isValid("\u212a")).as("the Kelvin sign, a K only when case is folded").isFalse();
		assertThat(Identifiers.isValid("a\u0000")).isFalse();
	}

	@Test
	void agreesWithTheRuleOnGeneratedTexts() {
		Random random = new Random(20261207);
		for (int i = 0; i < 20_000; i++) {
			int length = (i % 4 == 0) ? 60 + random.nextInt(8) : random.nextInt(6);
			StringBuilder text = new StringBuilder();
			for (int j = 0; j < length; j++) {
				// mostly allowed characters, so that long valid ids come up too
				text.append((random.nextInt(8) > 0) ? ALPHABET.charAt(random.nextInt(8))
						: ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			String id = text.toString();
			assertThat(Identifiers.isValid(id)).as("%s", id).isEqualTo(RULE.matcher(id).matches());
		}
	}

}
