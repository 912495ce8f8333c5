package dev.facecard.shared.web;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end in headless Chromium: a page on another origin
 * ({@code http://127.0.0.1:<other port>}, served here) embeds avatars from the service
 * ({@code http://localhost:<port>}) and fetches a profile with a token. Debian's
 * {@code chromium} and {@code chromium-driver} are used as installed, so Selenium never
 * downloads anything; without them the test is skipped, unless
 * {@code FACECARD_BROWSER_TESTS=required} (CI) makes their absence a failure.
 */
class CrossOriginBrowserTest extends IntegrationTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	private int port;

	private HttpServer otherOrigin;

	private ChromeDriver browser;

	private Path profileDirectory;

	/** Per test rather than per class, so that surefire counts a skip. */
	@BeforeEach
	void browserInstalled() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && "required".equals(System.getenv("FACECARD_BROWSER_TESTS"))) {
			fail("FACECARD_BROWSER_TESTS=required but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
		}
		assumeTrue(installed,
				"no " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.otherOrigin != null) {
			this.otherOrigin.stop(0);
		}
		if (this.profileDirectory != null) {
			FileSystemUtils.deleteRecursively(this.profileDirectory.toFile());
		}
	}

	@Test
	void aPageOnAnotherOriginShowsAvatarsAndReadsAProfileWithItsToken() throws IOException {
		String appid = newApp();
		String userId = newUser(appid, "13800138000", "\"nickname\":\"Browser\"").get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.halves(120, 80, Color.RED, Color.BLUE), "png"));
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		String token = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		String service = "http://localhost:" + this.port;

		String page = servePage("""
				<!doctype html>
				<meta charset="utf-8">
				<script>
				  const results = {};
				  window.done = new Promise(resolve => {
				    window.settle = (name, value) => {
				      results[name] = value;
				      if (Object.keys(results).length === 4) resolve(JSON.stringify(results));
				    };
				  });
				  async function call(token) {
				    try {
				      const response = await fetch('%1$s/api/get-public-user-profile', {
				        method: 'POST',
				        headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
				        body: JSON.stringify({ userId: '%3$s' })
				      });
				      const body = await response.json();
				      return { status: response.status, body,
				        remaining: response.headers.get('X-RateLimit-Remaining'),
				        limit: response.headers.get('X-RateLimit-Limit') };
				    } catch (error) {
				      return { error: String(error) };
				    }
				  }
				  call('%4$s').then(result => settle('profile', result));
				  call('fc_revoked-or-never-issued').then(result => settle('badToken', result));
				</script>
				<img id="known" src="%1$s/api/user/get_avatar?appid=%2$s&amp;user=13800138000"
				     onload="settle('known', 'loaded ' + this.naturalWidth + 'x' + this.naturalHeight)"
				     onerror="settle('known', 'error')">
				<img id="unknown" src="%1$s/api/user/get_avatar?appid=%2$s&amp;user=nobody"
				     onload="settle('unknown', 'loaded')" onerror="settle('unknown', 'error')">
				""".formatted(service, appid, userId, token));

		this.browser = startBrowser();
		this.browser.get(page);
		String outcome = (String) ((JavascriptExecutor) this.browser)
			.executeAsyncScript("window.done.then(arguments[arguments.length - 1]);");

		JsonNode results = TestHttp.parse(outcome);
		assertThat(results.get("known").stringValue()).isEqualTo("loaded 120x80");
		assertThat(results.get("unknown").stringValue()).isEqualTo("error");
		JsonNode profile = results.get("profile");
		assertThat(profile.has("error")).as(outcome).isFalse();
		assertThat(profile.get("status").intValue()).isEqualTo(200);
		assertThat(profile.get("body").get("userId").stringValue()).isEqualTo(userId);
		assertThat(profile.get("body").get("nickname").stringValue()).isEqualTo("Browser");
		// exposed headers only: without Access-Control-Expose-Headers the page would read
		// null here
		assertThat(profile.get("limit").stringValue()).matches("\\d+");
		assertThat(profile.get("remaining").stringValue()).matches("\\d+");
		// the gate's own 401 reaches the page as an answer, not as a network error
		JsonNode badToken = results.get("badToken");
		assertThat(badToken.has("error")).as(outcome).isFalse();
		assertThat(badToken.get("status").intValue()).isEqualTo(401);
		assertThat(badToken.get("body").get("status").intValue()).isEqualTo(401);
	}

	/**
	 * Serves {@code html} at the root of a second server, on another host name and port;
	 * returns its URL.
	 */
	private String servePage(String html) throws IOException {
		byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
		this.otherOrigin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.otherOrigin.createContext("/", exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.otherOrigin.start();
		return "http://127.0.0.1:" + this.otherOrigin.getAddress().getPort() + "/";
	}

	/** Headless, as root, with a fresh profile and nothing that calls home. */
	private ChromeDriver startBrowser() throws IOException {
		this.profileDirectory = Files.createTempDirectory("facecard-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-extensions", "--user-data-dir=" + this.profileDirectory);
		ChromeDriverService driver = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		ChromeDriver browser = new ChromeDriver(driver, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
		return browser;
	}

}
