package dev.facecard.profile;

import java.nio.charset.StandardCharsets;

import dev.facecard.support.TestHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardJsonTest {

	private final CardJson card = CardJson.of("{\"userId\":\"u1\",\"bio\":null}".getBytes(StandardCharsets.UTF_8));

	@Test
	void eachAnswerHasItsOwnStrongEtag() {
		assertThat(this.card.etag()).matches("\"[0-9a-f]{32}\"");
		assertThat(java.util.List.of(this.card.etag(null), this.card.etag(true), this.card.etag(false)))
			.doesNotHaveDuplicates()
			.allMatch(tag -> tag.startsWith("\"") && tag.endsWith("\""));
	}

	@Test
	void withoutACallerTheCardIsUnchanged() {
		assertThat(new String(this.card.withIsFollowing(null), StandardCharsets.UTF_8))
			.isEqualTo("{\"userId\":\"u1\",\"bio\":null}");
	}

	@Test
	void isFollowingIsAddedAsOneMoreMemberOfValidJson() {
		var following = TestHttp.parse(new String(this.card.withIsFollowing(true), StandardCharsets.UTF_8));
		var notFollowing = TestHttp.parse(new String(this.card.withIsFollowing(false), StandardCharsets.UTF_8));

		assertThat(following.propertyNames()).containsExactly("userId", "bio", "isFollowing");
		assertThat(following.get("isFollowing").booleanValue()).isTrue();
		assertThat(notFollowing.get("isFollowing").booleanValue()).isFalse();
		assertThat(following.get("bio").isNull()).isTrue();
	}

}
