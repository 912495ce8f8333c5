package dev.facecard.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.facecard.shared.web.RequestBodies;
import dev.facecard.shared.web.error.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /api/get-public-user-profile}: {@code {"userId": "<id>"}}. Read
 * strictly: a body that is missing, not JSON, not an object, or whose {@code userId} is
 * missing, not a string, blank or over 64 characters is a 400; one over 8 KiB is a 413.
 */
@Schema(name = "GetPublicUserProfileRequest", requiredProperties = "userId")
public record ProfileRequest(
		@Schema(description = "Target user ID.", example = "user_001", maxLength = 64) String userId) {

	static final int MAX_BODY_BYTES = 8 * 1024;

	private static final int MAX_USER_ID = 64;

	/**
	 * The {@code userId} query parameter of the GET form: once, non-blank, at most 64
	 * characters.
	 */
	static ProfileRequest fromQuery(jakarta.servlet.http.HttpServletRequest request) {
		String[] values;
		try {
			values = request.getParameterValues("userId");
		}
		catch (IllegalStateException ex) {
			throw invalidUserId();
		}
		if (values == null || values.length != 1 || values[0].isBlank() || values[0].length() > MAX_USER_ID) {
			throw invalidUserId();
		}
		return new ProfileRequest(values[0]);
	}

	private static InvalidRequestException invalidUserId() {
		return new InvalidRequestException(
				"'userId' must be a non-blank string of at most " + MAX_USER_ID + " characters.");
	}

	/**
	 * @param declaredLength the Content-Length, or -1 when unknown
	 * @param deadline how long the body may take to arrive
	 * ({@code facecard.deadlines.body})
	 */
	static ProfileRequest read(InputStream body, long declaredLength, Duration deadline, JsonMapper json)
			throws IOException {
		byte[] bytes = RequestBodies.read(body, declaredLength, MAX_BODY_BYTES, deadline,
				"The body must be at most " + MAX_BODY_BYTES + " bytes.");
		if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
			throw new InvalidRequestException("The body is missing: send {\"userId\": \"<id>\"}.");
		}
		JsonNode node;
		try {
			node = json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("The body must be JSON: {\"userId\": \"<id>\"}.");
		}
		if (node == null || node.isMissingNode() || !node.isObject()) {
			throw new InvalidRequestException("The body must be a JSON object: {\"userId\": \"<id>\"}.");
		}
		JsonNode userId = node.get("userId");
		if (userId == null || !userId.isString() || userId.stringValue().isBlank()
				|| userId.stringValue().length() > MAX_USER_ID) {
			throw new InvalidRequestException(
					"'userId' must be a non-blank string of at most " + MAX_USER_ID + " characters.");
		}
		return new ProfileRequest(userId.stringValue());
	}

}
