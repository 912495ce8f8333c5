package dev.facecard.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.auth.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/get-public-user-profile}, the xiangcao seed's endpoint, and its batch form. */
@RestController
@Tag(name = "Profiles")
public class ProfileController {

	private static final byte[] PROFILES = "{\"profiles\":[".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NOT_FOUND = "],\"notFound\":".getBytes(StandardCharsets.UTF_8);

	private final ProfileService profiles;

	private final JsonMapper json;

	public ProfileController(ProfileService profiles, JsonMapper json) {
		this.profiles = profiles;
		this.json = json;
	}

	@PostMapping("/api/get-public-user-profile")
	@Operation(summary = "Get a user's public profile",
			description = "Always the card a stranger sees, even for the caller's own userId. A bearer API key is "
					+ "optional: with one, calls are rate limited per user and isFollowing is added for other users.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = ProfileRequest.class))))
	@ApiResponse(responseCode = "200", description = "The profile",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PublicProfile.class)))
	@ApiResponse(responseCode = "400", description = "Body missing, not JSON, or userId missing, blank, not a string or longer than 64",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "Authorization present but not a valid API key, or its owner is banned",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such user, or the user is banned",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429", description = "Rate limited; see Retry-After",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "Database unreachable",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	public void getPublicUserProfile(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProfileRequest body = ProfileRequest.read(request.getInputStream(), this.json);
		writeJson(response, this.profiles.findJson(body.userId(), ApiCaller.of(request)));
	}

	@PostMapping("/api/get-public-user-profiles")
	@Operation(summary = "Get many public profiles at once",
			description = "1 to 100 userIds; each card exactly as the single endpoint gives it (isFollowing included "
					+ "with a token), in request order; unknown and banned ids in notFound. One request for the rate "
					+ "limits, a bounded number of SQL statements whatever the count.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = BatchProfilesRequest.class))))
	@ApiResponse(responseCode = "200", description = "The profiles",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = BatchProfilesResponse.class)))
	@ApiResponse(responseCode = "400", description = "Body missing or not {\"userIds\": [...]} of 1 to 100 ids",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "Authorization present but not a valid API key",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429", description = "Rate limited; see Retry-After",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	public void getPublicUserProfiles(HttpServletRequest request, HttpServletResponse response) throws IOException {
		BatchProfilesRequest body = BatchProfilesRequest.read(request.getInputStream(), this.json);
		ProfileService.Batch batch = this.profiles.findJson(body.userIds(), ApiCaller.of(request));
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * batch.profiles().size());
		out.writeBytes(PROFILES);
		for (int i = 0; i < batch.profiles().size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(batch.profiles().get(i));
		}
		out.writeBytes(NOT_FOUND);
		out.writeBytes(this.json.writeValueAsBytes(batch.notFound()));
		out.write('}');
		writeJson(response, out.toByteArray());
	}

	/** The cards are JSON already (cached as bytes): no content negotiation or serialisation per request. */
	private static void writeJson(HttpServletResponse response, byte[] json) throws IOException {
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
	}

}
