package dev.facecard.shared.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.facecard.shared.data.Sha256;
import dev.facecard.support.HttpIntegrationTest;
import dev.facecard.support.RawHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No username (often a phone number), API key or admin token in any log line, whatever
 * the requests: the ordinary, the hostile and the concurrent ones that make the database
 * refuse a write. Every secret and username the scenario used is looked for in everything
 * the service printed. Run on PostgreSQL and on the embedded H2, whose error messages
 * carry the values.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class LogPrivacyContract extends HttpIntegrationTest {

	private static final String WRONG_ADMIN_TOKEN = "wrong-admin-token-13912345678";

	@LocalServerPort
	private int port;

	@Test
	void noUsernameKeyOrTokenReachesTheLog(CapturedOutput output) throws Exception {
		List<String> secrets = new ArrayList<>(List.of(ADMIN_TOKEN, WRONG_ADMIN_TOKEN));
		String appid = newApp();
		String phone = phone(1);
		String userId = newUser(appid, phone, null).get("userId").stringValue();
		secrets.add(phone);
		uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(24, 24, 31), "png"));
		String key = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		String revokedKey = admin("POST", "/admin/users/" + userId + "/api-keys", null).json()
			.get("token")
			.stringValue();
		secrets.add(key);
		secrets.add(revokedKey);

		// concurrent creates of one username: the database refuses all but one (a socket
		// per request, so that they really run at once)
		RawHttp raw = new RawHttp(this.port);
		String contested = phone(2);
		secrets.add(contested);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> creates = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				Callable<Integer> create = () -> rawAdmin(raw, "POST", "/admin/users",
						"{\"appid\":\"" + appid + "\",\"username\":\"" + contested + "\"}");
				creates.add(pool.submit(create));
			}
			int created = 0;
			for (Future<Integer> create : creates) {
				created += (create.get() == 201) ? 1 : 0;
			}
			assertThat(created).isEqualTo(1);
			// concurrent renames of different users to one username: each passes the
			// check, the database refuses
			String renamedTo = phone(8);
			secrets.add(renamedTo);
			List<String> renamed = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				renamed.add(newUser(appid, phone(10 + i), null).get("userId").stringValue());
				secrets.add(phone(10 + i));
			}
			CyclicBarrier start = new CyclicBarrier(renamed.size());
			List<Future<Integer>> renames = new ArrayList<>();
			for (String renamedUser : renamed) {
				Callable<Integer> rename = () -> {
					start.await();
					return rawAdmin(raw, "PATCH", "/admin/users/" + renamedUser,
							"{\"username\":\"" + renamedTo + "\"}");
				};
				renames.add(pool.submit(rename));
			}
			int succeeded = 0;
			for (Future<Integer> rename : renames) {
				succeeded += (rename.get() == 200) ? 1 : 0;
			}
			assertThat(succeeded).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		// duplicates by create and by rename, and refused values
		String other = newUser(appid, phone(3), null).get("userId").stringValue();
		secrets.add(phone(3));
		assertThat(
				admin("POST", "/admin/users", "{\"appid\":\"" + appid + "\",\"username\":\"" + phone + "\"}").status())
			.isEqualTo(409);
		assertThat(admin("PATCH", "/admin/users/" + other, "{\"username\":\"" + phone + "\"}").status()).isEqualTo(409);
		assertThat(admin("PATCH", "/admin/users/" + other, "{\"username\":\"" + phone + "\u0000\"}").status())
			.isEqualTo(400);
		assertThat(admin("DELETE",
				"/admin/api-keys/"
						+ admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("id").stringValue(),
				null)
			.status()).isEqualTo(204);

		// the public endpoints, with the username where clients put it and where they
		// should not
		String avatar = "/api/user/get_avatar?appid=" + appid + "&user=";
		assertThat(this.http.get(avatar + phone).status()).isEqualTo(200);
		assertThat(this.http.get(avatar + phone(4)).status()).isEqualTo(404);
		assertThat(this.http.get(avatar + phone(5) + "&default=identicon&size=32").status()).isEqualTo(200);
		secrets.addAll(List.of(phone(4), phone(5), phone(6), phone(7)));
		this.http.get("/avatars/" + phone(6) + ".jpg");
		this.http.get("/api/user/get_avatar/" + phone(7));
		profile("{\"userId\":\"" + userId + "\"}", "Bearer " + key);
		profile("{\"userId\":\"" + phone + "\"}", "Bearer " + revokedKey);
		profile("{\"userId\":\"" + phone + "\"}", "Bearer fc_" + phone + "0000000000000000");
		profile("{\"userId\": \"" + phone, null);
		this.http.send("POST", "/api/get-public-user-profiles",
				("{\"userIds\":[\"" + phone + "\",\"" + userId + "\"]}").getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json");
		this.http.get("/api/get-public-user-profile?userId=" + phone, "Authorization", "Basic " + phone);
		this.http.send("POST", "/admin/apps", "{}".getBytes(StandardCharsets.UTF_8), "Authorization",
				"Bearer " + WRONG_ADMIN_TOKEN, "Content-Type", "application/json");
		this.http.send("POST", "/api/get-user-profile", null, "Authorization", "Bearer " + key);
		this.http.send("POST", "/api/get-user-profile", "{\"userId\":1}".getBytes(StandardCharsets.UTF_8),
				"Authorization", "Bearer " + revokedKey);

		// app credentials: used, refused, revoked, made up; neither they nor their
		// digests
		// are logged
		String credentialsPath = "/admin/apps/" + appid + "/credentials";
		var issued = admin("POST", credentialsPath, null).json();
		String credential = issued.get("token").stringValue();
		String madeUpCredential = "fcapp_" + phone + "0".repeat(43 - phone.length());
		secrets.addAll(List.of(credential, Sha256.hex(credential), madeUpCredential, Sha256.hex(madeUpCredential)));
		assertThat(this.http.get("/admin/users/" + userId, "Authorization", "Bearer " + credential).status())
			.isEqualTo(200);
		for (String bearer : List.of(credential, madeUpCredential)) {
			this.http.send("POST", "/admin/apps", "{}".getBytes(StandardCharsets.UTF_8), "Authorization",
					"Bearer " + bearer, "Content-Type", "application/json");
		}
		assertThat(admin("DELETE", credentialsPath + "/" + issued.get("id").stringValue(), null).status())
			.isEqualTo(204);
		assertThat(this.http.get("/admin/users/" + userId, "Authorization", "Bearer " + credential).status())
			.isEqualTo(401);
		assertThat(this.http.get("/admin/users/" + userId, "Authorization", "Bearer " + madeUpCredential).status())
			.isEqualTo(401);

		// requests Tomcat refuses itself, carrying the username in every place a request
		// has
		for (String head : List.of("GET " + avatar + phone + "%00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"GET " + avatar + phone + "\u0001 HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"GET /api/user/get_avatar%00" + phone + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"GET " + avatar + phone + " HTTP/1.1\r\nHost: localhost\r\nX-" + phone + "\r\n\r\n",
				"GET " + avatar + phone + " HTTP/1.1\r\nHost: localhost\r\nCookie: " + "a=" + phone + "; ".repeat(300)
						+ "\r\n\r\n",
				// a cookie Tomcat cannot read: it would log the whole header
				"GET /api/user/get_avatar?appid=x&user=y HTTP/1.1\r\nHost: localhost\r\nCookie: a=" + phone
						+ "\"x; b=\"" + phone + "\r\n\r\n",
				"GET /api/../api/user/get_avatar?user=" + phone + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"GET " + avatar + phone + " HTTP/9.9\r\nHost: localhost\r\n\r\n",
				phone + " / HTTP/1.1\r\nHost: localhost\r\n\r\n",
				// methods no route takes, on routes that exist (Spring MVC warns)
				phone + " /api/get-public-user-profile HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"P" + phone + " /admin/apps HTTP/1.1\r\nHost: localhost\r\n\r\n")) {
			raw.exchange(head.getBytes(StandardCharsets.ISO_8859_1));
		}

		// access-log lines are written by a thread of their own (AccessLog)
		await().atMost(Duration.ofSeconds(10)).until(AccessLog::caughtUp);
		String log = output.getAll();
		assertThat(log).as("the scenario ran and logged").contains("dev.facecard.access");
		for (String secret : secrets) {
			assertThat(log).as("the log").doesNotContain(secret);
		}
	}

	private static int rawAdmin(RawHttp raw, String method, String path, String json) {
		return raw
			.send(method, path, json.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + ADMIN_TOKEN,
					"Content-Type", "application/json")
			.status();
	}

	/** A phone-number username unique to this run. */
	private String phone(int n) {
		return "139" + String.format("%04d", Math.abs(getClass().getSimpleName().hashCode()) % 10000)
				+ String.format("%04d", n);
	}

	private Response profile(String body, String authorization) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return (authorization == null)
				? this.http.send("POST", "/api/get-public-user-profile", bytes, "Content-Type", "application/json")
				: this.http.send("POST", "/api/get-public-user-profile", bytes, "Content-Type", "application/json",
						"Authorization", authorization);
	}

}
