package dev.facecard.profile;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.facecard.shared.web.RequestBodies;
import dev.facecard.shared.web.error.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /api/get-public-user-profiles}: {@code {"userIds": [...]}}, 1
 * to 100 non-blank strings of at most 64 characters. A repeated id is answered once, at
 * its first place.
 */
@Schema(name = "GetPublicUserProfilesRequest", requiredProperties = "userIds")
public record BatchProfilesRequest(@ArraySchema(minItems = 1, maxItems = MAX_IDS,
		schema = @Schema(maxLength = 64, example = "user_001")) List<String> userIds) {

	static final int MAX_IDS = 100;

	/**
	 * A batch costs one request of rate-limit budget per this many ids, or part of it.
	 */
	static final int IDS_PER_UNIT = 10;

	static final int MAX_BODY_BYTES = 16 * 1024;

	/**
	 * @param declaredLength the Content-Length, or -1 when unknown
	 * @param deadline how long the body may take to arrive
	 * ({@code facecard.deadlines.body})
	 */
	static BatchProfilesRequest read(InputStream body, long declaredLength, Duration deadline, JsonMapper json)
			throws IOException {
		byte[] bytes = RequestBodies.read(body, declaredLength, MAX_BODY_BYTES, deadline,
				"The body must be at most " + MAX_BODY_BYTES + " bytes.");
		JsonNode node;
		try {
			node = json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw invalid();
		}
		JsonNode ids = (node != null && node.isObject()) ? node.get("userIds") : null;
		if (ids == null || !ids.isArray() || ids.size() < 1 || ids.size() > MAX_IDS) {
			throw invalid();
		}
		LinkedHashSet<String> distinct = new LinkedHashSet<>();
		for (JsonNode id : ids.values()) {
			if (!id.isString() || id.stringValue().isBlank() || id.stringValue().length() > 64) {
				throw invalid();
			}
			distinct.add(id.stringValue());
		}
		return new BatchProfilesRequest(new ArrayList<>(distinct));
	}

	/**
	 * What the batch costs in requests of rate-limit budget: one per
	 * {@value #IDS_PER_UNIT} ids begun.
	 */
	int units() {
		return (this.userIds.size() + IDS_PER_UNIT - 1) / IDS_PER_UNIT;
	}

	private static InvalidRequestException invalid() {
		return new InvalidRequestException("The body must be {\"userIds\": [...]}: 1 to " + MAX_IDS
				+ " non-blank strings of at most 64 characters.");
	}

}
