package dev.facecard.avatar;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.facecard.system.FacecardProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public avatar endpoints. Both answer JPEG bytes with a strong ETag (the content hash) and
 * Last-Modified; Spring MVC turns a matching {@code If-None-Match} / {@code If-Modified-Since} into a 304
 * and serves HEAD from GET. Errors take the seed's {@code {"code","msg"}} form ({@link AvatarErrorAdvice}).
 */
@RestController
public class AvatarController {

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	/** Content-addressed URLs never change their bytes. */
	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable();

	private final AvatarService avatars;

	private final CacheControl userAvatarCaching;

	public AvatarController(AvatarService avatars, FacecardProperties properties) {
		this.avatars = avatars;
		this.userAvatarCaching = CacheControl.maxAge(properties.avatar().maxAge()).cachePublic();
	}

	@GetMapping("/api/user/get_avatar")
	public ResponseEntity<byte[]> getAvatar(HttpServletRequest request) {
		AvatarQuery query = AvatarQuery.from(request);
		return jpeg(this.avatars.findByUsername(query.appid(), query.user()), this.userAvatarCaching);
	}

	@GetMapping("/avatars/{hash}.jpg")
	public ResponseEntity<byte[]> getByHash(@PathVariable String hash) {
		if (!HASH.matcher(hash).matches()) {
			throw new AvatarNotFoundException();
		}
		return jpeg(this.avatars.findByHash(hash), IMMUTABLE);
	}

	private static ResponseEntity<byte[]> jpeg(AvatarImage image, CacheControl caching) {
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_JPEG)
			.contentLength(image.jpeg().length)
			.eTag('"' + image.hash() + '"')
			.lastModified(image.lastModified())
			.cacheControl(caching)
			.header("X-Content-Type-Options", "nosniff")
			.body(image.jpeg());
	}

}
