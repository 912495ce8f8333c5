package dev.facecard.profile;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The card's field rules (README, "Try it"), rule by rule, on the assembler alone. */
class PublicProfileAssemblerTest {

	private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

	private static final Instant UPDATED = Instant.parse("2025-01-01T00:00:00Z");

	private final PublicProfileAssembler assembler = new PublicProfileAssembler("[hidden]");

	private static final java.util.function.Function<String, String> AVATAR_URL = hash -> "https://cdn.example/avatars/"
			+ hash + ".jpg";

	private static ProfileRow row() {
		return new ProfileRow("u1", "Nick", "Bio", "https://bg.example/x.png", "https://st.example/s.png", "abc", 5, 12,
				NOW.plusSeconds(3600), false, false, false, false, 8, 128, 32, CREATED, UPDATED, null, null);
	}

	private static ProfileRow with(java.util.function.UnaryOperator<Object[]> change) {
		ProfileRow r = row();
		Object[] f = { r.userId(), r.nickname(), r.bio(), r.profileBgUrl(), r.statusStickerUrl(), r.avatarHash(),
				r.vipLevel(), r.authorLevel(), r.memberUntil(), r.official(), r.banned(), r.hidePatronIdentity(),
				r.hideSocialFromPublic(), r.cardCount(), r.followerCount(), r.followingCount(), r.createdAt(),
				r.updatedAt(), r.topAuthorRank(), r.topVipRank() };
		f = change.apply(f);
		return new ProfileRow((String) f[0], (String) f[1], (String) f[2], (String) f[3], (String) f[4], (String) f[5],
				(int) f[6], (int) f[7], (Instant) f[8], (boolean) f[9], (boolean) f[10], (boolean) f[11],
				(boolean) f[12], (int) f[13], (long) f[14], (long) f[15], (Instant) f[16], (Instant) f[17],
				(Integer) f[18], (Integer) f[19]);
	}

	@Test
	void anOrdinaryUserShowsEveryAlwaysFieldAndNoOptionalFlags() {
		PublicProfile card = this.assembler.assemble(row(), NOW, AVATAR_URL);

		assertThat(card.userId()).isEqualTo("u1");
		assertThat(card.nickname()).isEqualTo("Nick");
		assertThat(card.avatarUrl()).isEqualTo("https://cdn.example/avatars/abc.jpg");
		assertThat(card.createdAt()).isEqualTo(CREATED.toEpochMilli());
		assertThat(card.updatedAt()).isEqualTo(UPDATED.toEpochMilli());
		assertThat(card.vipLevel()).isEqualTo(5);
		assertThat(card.isMember()).isTrue();
		assertThat(card.authorLevel()).isEqualTo(12);
		assertThat(card.followerCount()).isEqualTo(128);
		assertThat(card.followingCount()).isEqualTo(32);
		assertThat(card.cardCount()).isEqualTo(8);
		assertThat(card.isOfficial()).isNull();
		assertThat(card.topAuthorRank()).isNull();
		assertThat(card.topVipRank()).isNull();
		assertThat(card.isFollowing()).isNull();
		assertThat(card.hideSocialFromPublic()).isNull();
	}

	@Test
	void patronOptOutHidesVipLevelMembershipAndVipRankButNotAuthorRank() {
		PublicProfile card = this.assembler.assemble(with(f -> {
			f[11] = true;
			f[18] = 2;
			f[19] = 4;
			return f;
		}), NOW, AVATAR_URL);

		assertThat(card.vipLevel()).isNull();
		assertThat(card.isMember()).isNull();
		assertThat(card.topVipRank()).isNull();
		assertThat(card.topAuthorRank()).isEqualTo(2);
		assertThat(card.authorLevel()).isEqualTo(12);
	}

	@Test
	void boardsShowTheirRanks() {
		PublicProfile card = this.assembler.assemble(with(f -> {
			f[18] = 1;
			f[19] = 15;
			return f;
		}), NOW, AVATAR_URL);
		assertThat(card.topAuthorRank()).isEqualTo(1);
		assertThat(card.topVipRank()).isEqualTo(15);
	}

	@Test
	void officialAndHiddenSocialListsAppearOnlyAsTrue() {
		PublicProfile card = this.assembler.assemble(with(f -> {
			f[9] = true;
			f[12] = true;
			return f;
		}), NOW, AVATAR_URL);
		assertThat(card.isOfficial()).isTrue();
		assertThat(card.hideSocialFromPublic()).isTrue();
	}

	@Test
	void membershipIsValidOnlyWhileItsEndLiesInTheFuture() {
		assertThat(this.assembler.assemble(with(f -> {
			f[8] = null;
			return f;
		}), NOW, AVATAR_URL).isMember()).isFalse();
		assertThat(this.assembler.assemble(with(f -> {
			f[8] = NOW;
			return f;
		}), NOW, AVATAR_URL).isMember()).isFalse();
		assertThat(this.assembler.assemble(with(f -> {
			f[8] = NOW.plusMillis(1);
			return f;
		}), NOW, AVATAR_URL).isMember()).isTrue();
	}

	@Test
	void aMembershipThatEndedSinceTheLastWriteMovesUpdatedAt() {
		Instant ended = NOW.minusSeconds(60);
		PublicProfile card = this.assembler.assemble(with(f -> {
			f[8] = ended;
			return f;
		}), NOW, AVATAR_URL);
		assertThat(card.isMember()).isFalse();
		assertThat(card.updatedAt()).isEqualTo(ended.toEpochMilli());
	}

	@Test
	void unsetTextsAndAvatarAreNull() {
		PublicProfile card = this.assembler.assemble(with(f -> {
			for (int i = 1; i <= 5; i++) {
				f[i] = null;
			}
			return f;
		}), NOW, AVATAR_URL);
		assertThat(card.nickname()).isNull();
		assertThat(card.bio()).isNull();
		assertThat(card.profileBgUrl()).isNull();
		assertThat(card.statusStickerUrl()).isNull();
		assertThat(card.avatarUrl()).isNull();
	}

	@Test
	void linkNicknamesAreReplacedByThePlaceholder() {
		assertThat(this.assembler.assemble(with(f -> {
			f[1] = "加我 ｗｗｗ．ｓｐａｍ．ｃｏｍ";
			return f;
		}), NOW, AVATAR_URL).nickname()).isEqualTo("[hidden]");
		assertThat(this.assembler.assemble(with(f -> {
			f[1] = "小明 2.0";
			return f;
		}), NOW, AVATAR_URL).nickname()).isEqualTo("小明 2.0");
	}

}
