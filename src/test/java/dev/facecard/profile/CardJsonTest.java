package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.facecard.avatar.AvatarUrls;
import dev.facecard.shared.data.Sha256;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A packed card must write exactly what Jackson writes of its {@link PublicProfile}: the
 * cards of fixed seeds, with every kind of text, number and optional member, under
 * Jackson's defaults and under other escaping.
 */
class CardJsonTest {

	private static final String HASH = "0123456789abcdef".repeat(4);

	private static final List<JsonMapper> MAPPERS = List.of(JsonMapper.builder().build(),
			JsonMapper.builder()
				.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
				.enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
				.build());

	private static final List<String> BASES = List.of("http://127.0.0.1:8080", "https://cdn.example.com/facecard",
			"http://例え.jp", "", "http://h/\"q\\\u0001");

	@Test
	void writesWhatJacksonWritesForEveryGeneratedCard() {
		Random random = new Random(20261207);
		for (int i = 0; i < 3000; i++) {
			PublicProfile relative = randomProfile(random);
			JsonMapper json = MAPPERS.get(i % MAPPERS.size());
			String baseUrl = BASES.get(random.nextInt(BASES.size()));
			CardJson.EscapedBase base = CardJson.EscapedBase.of(baseUrl, json);
			boolean fixedBase = random.nextBoolean();
			CardJson card = CardJson.of(relative, json, base, fixedBase, null);

			byte[] expected = json.writeValueAsBytes(underBase(relative, baseUrl));
			assertThat(text(card.json(base, null))).as("card %d", i).isEqualTo(text(expected));
			String tag = Sha256.hex(expected).substring(0, 32);
			assertThat(card.etag(base, null)).isEqualTo('"' + tag + '"');
			for (boolean following : new boolean[] { true, false }) {
				String card0 = text(expected);
				String withMember = card0.substring(0, card0.length() - 1) + ",\"isFollowing\":" + following + "}";
				assertThat(text(card.json(base, following))).isEqualTo(withMember);
				assertThat(card.etag(base, following)).isEqualTo('"' + tag + (following ? "-f1" : "-f0") + '"');
			}
		}
	}

	@Test
	void extremeNumbersAndEmptyTexts() {
		PublicProfile extremes = new PublicProfile("", "", null, "", "", "", Long.MIN_VALUE, Long.MAX_VALUE,
				Integer.MIN_VALUE, Integer.MAX_VALUE, false, false, Long.MAX_VALUE, Long.MIN_VALUE, -1, 0,
				Integer.MIN_VALUE, null, false);
		JsonMapper json = MAPPERS.get(0);
		CardJson.EscapedBase base = CardJson.EscapedBase.of("http://h", json);

		assertThat(text(CardJson.of(extremes, json, base, true, null).json(base, null)))
			.isEqualTo(text(json.writeValueAsBytes(extremes)));
	}

	@Test
	void aTypicalCardTakesLessThanHalfItsJson() {
		PublicProfile typical = new PublicProfile("b_123456", "User 123456", AvatarUrls.of("", HASH), null,
				"Bio of user 123456", null, 1765100000000L, 1765100000000L, 12, 22, true, null, 0, 1, 56, null, null,
				null, null);
		JsonMapper json = MAPPERS.get(0);
		CardJson.EscapedBase base = CardJson.EscapedBase.of("https://cdn.example.com", json);
		CardJson card = CardJson.of(typical, json, base, true, null);

		assertThat(card.packedBytes()).isLessThan(100).isLessThan(card.json(base, null).length / 2);
	}

	@Test
	void aCardIsCurrentUntilItChanges() {
		PublicProfile profile = randomProfile(new Random(1));
		JsonMapper json = MAPPERS.get(0);
		CardJson.EscapedBase base = CardJson.EscapedBase.of("http://h", json);
		CardJson lasting = CardJson.of(profile, json, base, true, null);
		CardJson ending = CardJson.of(profile, json, base, true, Instant.ofEpochMilli(1000));

		assertThat(lasting.currentAt(Long.MAX_VALUE - 1)).isTrue();
		assertThat(ending.currentAt(999)).isTrue();
		assertThat(ending.currentAt(1000)).isFalse();
	}

	private static PublicProfile underBase(PublicProfile relative, String baseUrl) {
		return new PublicProfile(relative.userId(), relative.nickname(),
				(relative.avatarUrl() != null) ? baseUrl + relative.avatarUrl() : null, relative.profileBgUrl(),
				relative.bio(), relative.statusStickerUrl(), relative.createdAt(), relative.updatedAt(),
				relative.vipLevel(), relative.authorLevel(), relative.isMember(), relative.isOfficial(),
				relative.followerCount(), relative.followingCount(), relative.cardCount(), relative.topAuthorRank(),
				relative.topVipRank(), null, relative.hideSocialFromPublic());
	}

	private static PublicProfile randomProfile(Random random) {
		return new PublicProfile(randomText(random, false), randomText(random, true), randomAvatarUrl(random),
				randomText(random, true), randomText(random, true), randomText(random, true), randomLong(random),
				randomLong(random), random.nextBoolean() ? random.nextInt(31) : null, (int) randomLong(random),
				randomBoolean(random), randomBoolean(random), randomLong(random), randomLong(random),
				(int) randomLong(random), random.nextBoolean() ? 1 + random.nextInt(15) : null,
				random.nextBoolean() ? random.nextInt() : null, null, randomBoolean(random));
	}

	/** Mostly the usual hash URL; sometimes one that is not (kept as text), or none. */
	private static String randomAvatarUrl(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> null;
			case 1 -> AvatarUrls.of("", HASH.toUpperCase());
			case 2 -> AvatarUrls.of("", HASH.substring(1));
			case 3 -> "/elsewhere/" + HASH + ".jpg";
			default -> {
				StringBuilder hash = new StringBuilder();
				for (int i = 0; i < 64; i++) {
					hash.append(Character.forDigit(random.nextInt(16), 16));
				}
				yield AvatarUrls.of("", hash.toString());
			}
		};
	}

	private static final String[] PIECES = { "a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f",
			"\u0000", "\u001f", "\u007f", "\u2028", "é", "香草", "😀", "<", "&", "'", "User ", "http://x.io" };

	private static String randomText(Random random, boolean nullable) {
		if (nullable && random.nextInt(5) == 0) {
			return null;
		}
		List<String> pieces = new ArrayList<>();
		int count = random.nextInt(12);
		for (int i = 0; i < count; i++) {
			pieces.add(PIECES[random.nextInt(PIECES.length)]);
		}
		return String.join("", pieces);
	}

	private static long randomLong(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> 0;
			case 1 -> random.nextLong();
			case 2 -> -random.nextInt(1000);
			case 3 -> random.nextInt(200);
			default -> 1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE);
		};
	}

	private static Boolean randomBoolean(Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> null;
			case 1 -> true;
			default -> false;
		};
	}

	private static String text(byte[] json) {
		return new String(json, StandardCharsets.UTF_8);
	}

}
