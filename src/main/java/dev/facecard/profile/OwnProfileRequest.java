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
 * The body of {@code POST /api/get-user-profile}: none, or an empty JSON object. The API
 * key names whose profile it is; anything in the body (a {@code userId}, say) would
 * suggest otherwise, so it is a 400 rather than ignored.
 */
@Schema(name = "GetUserProfileRequest", description = "Empty: the API key names the user.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record OwnProfileRequest() {

	/**
	 * @param declaredLength the Content-Length, or -1 when unknown
	 * @param deadline how long the body may take to arrive
	 * ({@code facecard.deadlines.body})
	 */
	static OwnProfileRequest read(InputStream body, long declaredLength, Duration deadline, JsonMapper json)
			throws IOException {
		byte[] bytes = RequestBodies.read(body, declaredLength, ProfileRequest.MAX_BODY_BYTES, deadline,
				"The body must be at most " + ProfileRequest.MAX_BODY_BYTES + " bytes.");
		if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
			return new OwnProfileRequest();
		}
		JsonNode node;
		try {
			node = json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw invalid();
		}
		if (node == null || !node.isObject() || !node.isEmpty()) {
			throw invalid();
		}
		return new OwnProfileRequest();
	}

	private static InvalidRequestException invalid() {
		return new InvalidRequestException("The body must be empty or {}: the API key names the user.");
	}

}
