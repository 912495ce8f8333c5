package dev.facecard.shared.web.error;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The nobase contract's error body: {@code {"code":…,"msg":…}}, exactly two fields, on
 * every answer of the avatar paths that is not an image. One message for every not-found
 * case, so an answer does not tell whether a username exists. {@link #of} is the one
 * mapping from an HTTP status to a body, and {@link #write} the one way such an answer is
 * written outside Spring MVC.
 */
public record AvatarError(int code, String msg) {

	public static final AvatarError INVALID_PARAMETERS = new AvatarError(204, "接口参数错误");

	public static final AvatarError NOT_FOUND = new AvatarError(404, "用户不存在");

	public static final AvatarError RATE_LIMITED = new AvatarError(429, "请求过于频繁");

	public static final AvatarError UNAVAILABLE = new AvatarError(503, "服务暂不可用");

	public static final AvatarError INTERNAL = new AvatarError(500, "服务器内部错误");

	/** The body of an answer with {@code status} (a 4xx or 5xx) on the avatar paths. */
	public static AvatarError of(int status) {
		return switch (status) {
			case 400 -> INVALID_PARAMETERS;
			case 404 -> NOT_FOUND;
			case 429 -> RATE_LIMITED;
			case 500 -> INTERNAL;
			case 503 -> UNAVAILABLE;
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield new AvatarError(status, (known != null) ? known.getReasonPhrase() : "Error");
			}
		};
	}

	/**
	 * Answers {@code status} with its body, as JSON whatever the request accepts (an
	 * {@code <img>} asks for images).
	 */
	public static void write(HttpServletResponse response, JsonMapper json, int status) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(response.getOutputStream(), of(status));
	}

}
