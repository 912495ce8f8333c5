package dev.facecard.profile;

import java.io.IOException;

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

/** {@code POST /api/get-public-user-profile}: the xiangcao seed's endpoint. */
@RestController
@Tag(name = "Profiles")
public class ProfileController {

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
		byte[] card = this.profiles.findJson(body.userId(), ApiCaller.of(request));
		// the card is JSON already (cached as bytes): no content negotiation or serialisation per request
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(card.length);
		response.getOutputStream().write(card);
	}

}
