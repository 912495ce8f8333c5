package dev.facecard.avatar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.facecard.support.HeldStatements;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes of an avatar whose lookup is cached, read again once the byte cache let them
 * go (here it keeps none), take the same four turns as the lookups (AvatarLookups): a
 * flood of such reads holds at most four connections, and the next waits at most
 * {@code facecard.cache.lookup-wait}, then is a 503 in the nobase format.
 */
@TestPropertySource(properties = { "facecard.cache.lookup-wait=500ms", "facecard.cache.avatar-bytes=0" })
class AvatarBytesWaitTest extends IntegrationTest {

	@Test
	void bytesReadAgainWaitForATurnAndAre503WhenNoneComes() throws Exception {
		String appid = newApp();
		List<String> urls = new ArrayList<>();
		for (int i = 0; i <= AvatarLookups.MAX_LOOKUP_STATEMENTS; i++) {
			String username = "1360013600" + i;
			String userId = newUser(appid, username, null).get("userId").stringValue();
			byte[] png = TestImages.encode(TestImages.noise(64, 64, 100 + i), "png");
			assertThat(uploadAvatar(userId, "image/png", png).status()).isEqualTo(200);
			String url = AvatarEndpointTest.avatarUrl(appid, username);
			// the lookup is cached; its bytes are not kept
			assertThat(this.http.get(url).status()).isEqualTo(200);
			urls.add(url);
		}
		double refusalsBefore = metric("facecard_avatar_lookup_refusals_total");
		List<Callable<Response>> reads = urls.subList(0, AvatarLookups.MAX_LOOKUP_STATEMENTS)
			.stream()
			.<Callable<Response>>map(url -> () -> this.http.get(url))
			.toList();

		try (HeldStatements held = HeldStatements.hold(List.of("select jpeg from avatars where hash = ?"), 6000,
				reads)) {
			Response refused = this.http.get(urls.get(AvatarLookups.MAX_LOOKUP_STATEMENTS));

			assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
			assertThat(refused.json().propertyNames()).containsExactly("code", "msg");
			assertThat(refused.json().get("code").intValue()).isEqualTo(503);
			assertThat(refused.header("Retry-After")).isEqualTo("1");
			assertThat(metric("facecard_avatar_lookup_refusals_total")).isEqualTo(refusalsBefore + 1);
			assertThat(held.answers()).extracting(Response::status).containsOnly(200);
		}
		assertThat(this.http.get(urls.get(AvatarLookups.MAX_LOOKUP_STATEMENTS)).status()).isEqualTo(200);
	}

}
