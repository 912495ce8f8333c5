package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Facecard's endpoints are compared with: handlers that do nothing but answer the same JPEG bytes
 * (read once from {@code bench.jpeg}) and a profile-sized JSON body, on a connector that writes answers in
 * pieces of {@code bench.write-buffer} bytes (Facecard's {@code facecard.connections.write-buffer}; Tomcat's
 * own 8192 when unset), so that both write alike.
 */
@SpringBootApplication
@RestController
public class BareApplication {

	private final byte[] jpeg;

	public BareApplication(Environment environment) throws IOException {
		this.jpeg = Files.readAllBytes(Path.of(environment.getRequiredProperty("bench.jpeg")));
	}

	public static void main(String[] args) {
		SpringApplication.run(BareApplication.class, args);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> writeBuffer(Environment environment) {
		String bytes = environment.getProperty("bench.write-buffer", "8192");
		return factory -> factory.addConnectorCustomizers(connector -> {
			if (!connector.setProperty("socket.appWriteBufSize", bytes)) {
				throw new IllegalStateException("Tomcat took no socket.appWriteBufSize");
			}
		});
	}

	@GetMapping("/jpeg")
	ResponseEntity<byte[]> jpeg() {
		return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(this.jpeg);
	}

	@PostMapping("/profile")
	Profile profile(@RequestBody Request request) {
		return new Profile(request.userId(), "香草作者", "http://localhost:8080/avatars/4612379b97d59200a89176c76a4709dd5b09c3d816d2eef20da68dd228afd319.jpg",
				null, "喜欢写角色卡", null, 1700000000000L, 1705000000000L, 5, 12, true, 128, 32, 8, 3);
	}

	record Request(String userId) {
	}

	record Profile(String userId, String nickname, String avatarUrl, String profileBgUrl, String bio,
			String statusStickerUrl, long createdAt, long updatedAt, int vipLevel, int authorLevel, boolean isMember,
			long followerCount, long followingCount, int cardCount, int topAuthorRank) {
	}

}
