package dev.facecard.shared.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentIndexedMappingsTest {

	@Test
	void theFirstSegmentOfAPathOrPatternWhenItIsLiteral() {
		assertThat(SegmentIndexedMappings.firstSegment("/avatars/{hash}.jpg")).isEqualTo("avatars");
		assertThat(SegmentIndexedMappings.firstSegment("/admin/users/{userId}")).isEqualTo("admin");
		assertThat(SegmentIndexedMappings.firstSegment("/error")).isEqualTo("error");
		assertThat(SegmentIndexedMappings.firstSegment("/")).isEmpty();
	}

	@Test
	void noFirstSegmentWhenItIsAVariableAWildcardOrEncoded() {
		assertThat(SegmentIndexedMappings.firstSegment("/{app}/users")).isNull();
		assertThat(SegmentIndexedMappings.firstSegment("/**")).isNull();
		assertThat(SegmentIndexedMappings.firstSegment("/ava?ars/x")).isNull();
		assertThat(SegmentIndexedMappings.firstSegment("/%61vatars/x.jpg")).isNull();
		assertThat(SegmentIndexedMappings.firstSegment("avatars/x")).isNull();
		assertThat(SegmentIndexedMappings.firstSegment("")).isNull();
	}

}
