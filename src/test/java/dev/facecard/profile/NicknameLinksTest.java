package dev.facecard.profile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NicknameLinksTest {

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com", "看这里 http://spam.example/x", "HTTP://EXAMPLE.COM",
			"www.example.com", "加我www.spam.cn", "me@example.com", "联系 spam@qq.com", "example.com", "小明.cn", "buy.shop",
			"abc.xyz", "sub.domain.example.org", "去 taobao.com 买",
			// full-width and ideographic forms, caught after NFKC
			"ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "ｅｘａｍｐｌｅ．ｃｏｍ", "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ", "ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "example。com", "bit.ly",
			"Example.COM",
			// a scheme's colon alone, full-width too: no dot needed
			"http://localhost", "ｈｔｔｐ：／／ｌｏｃａｌｈｏｓｔ" })
	void nicknamesWithLinksAreDetected(String nickname) {
		assertThat(NicknameLinks.containsLink(nickname)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "小明 2.0", "Mr.Smith", "香草作者", "v1.2.3", "J.R.R.Tolkien", "A.I.", "3.14", "1.5kg", "...",
			"Ms. Lee", "李.明", "hello world", "user@", "@handle", "St.Louis" })
	void ordinaryNicknamesAreKept(String nickname) {
		assertThat(NicknameLinks.containsLink(nickname)).isFalse();
	}

}
