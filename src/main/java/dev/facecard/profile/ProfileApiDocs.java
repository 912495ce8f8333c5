package dev.facecard.profile;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The OpenAPI description of {@link ProfileController}'s endpoints, kept out of its body.
 * The API gate's answers (401, 429, 503) and the body limits' (408, 413) are added to
 * every operation, and every error answer gets the problem-details body, by
 * {@code OpenApiConfiguration}.
 */
@Tag(name = "Profiles")
interface ProfileApiDocs {

	/**
	 * The profile endpoints' 503s: the gate's, and lookups that waited too long for their
	 * turn.
	 */
	String CARD_UNAVAILABLE = "Database unreachable, or too many profile or key lookups at once "
			+ "(facecard.cache.profile-miss-wait, facecard.cache.lookup-wait; with Retry-After)";

	@Operation(summary = "Get a user's public profile",
			description = "Always the card a stranger sees, even for the caller's own userId. A bearer API key is "
					+ "optional: with one, calls are rate limited per user and isFollowing is added for other users.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = ProfileRequest.class))))
	@ApiResponse(responseCode = "200", description = "The profile",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PublicProfile.class)))
	@ApiResponse(responseCode = "400",
			description = "Body missing, not JSON, or userId missing, blank, not a string or longer than 64")
	@ApiResponse(responseCode = "404", description = "No such user, or the user is banned")
	@ApiResponse(responseCode = "503", description = CARD_UNAVAILABLE)
	void getPublicUserProfile(HttpServletRequest request, HttpServletResponse response) throws IOException;

	@Operation(summary = "Get a user's public profile (cacheable GET form)",
			description = "The same card as the POST, with a strong ETag, Vary: Authorization and Cache-Control "
					+ "(public without a token, private with one). If-None-Match that matches gives 304, which costs "
					+ "no rate-limit budget.")
	@Parameter(name = "userId", in = ParameterIn.QUERY, required = true, description = "Target user ID",
			schema = @Schema(type = "string", maxLength = 64), example = "user_001")
	@ApiResponse(responseCode = "200", description = "The profile",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PublicProfile.class)))
	@ApiResponse(responseCode = "304", description = "Not modified (no rate-limit budget spent)", content = @Content)
	@ApiResponse(responseCode = "400", description = "userId missing, blank or longer than 64")
	@ApiResponse(responseCode = "404", description = "No such user, or the user is banned")
	@ApiResponse(responseCode = "503", description = CARD_UNAVAILABLE)
	void getPublicUserProfileByGet(HttpServletRequest request, HttpServletResponse response) throws IOException;

	@Operation(summary = "Get many public profiles at once",
			description = "1 to 100 userIds; each card exactly as the single endpoint gives it (isFollowing included "
					+ "with a token), in request order; unknown and banned ids in notFound. One request of the rate "
					+ "limits per 10 ids (or part of 10), taken before any lookup; a bounded number of SQL "
					+ "statements whatever the count.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = BatchProfilesRequest.class))))
	@ApiResponse(responseCode = "200", description = "The profiles",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = BatchProfilesResponse.class)))
	@ApiResponse(responseCode = "400", description = "Body missing or not {\"userIds\": [...]} of 1 to 100 ids")
	@ApiResponse(responseCode = "503", description = CARD_UNAVAILABLE)
	void getPublicUserProfiles(HttpServletRequest request, HttpServletResponse response) throws IOException;

	@Operation(summary = "Get the caller's own profile",
			description = "The profile of the API key's user as its owner sees it: the nickname as stored, vipLevel, "
					+ "isMember and topVipRank whatever the patron opt-out, and the account's own fields. Never "
					+ "isFollowing. Rate limited per user like every call with a key; Cache-Control: private, "
					+ "no-store.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = OwnProfileRequest.class))))
	@SecurityRequirement(name = "apiKey")
	@ApiResponse(responseCode = "200", description = "The caller's profile",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = OwnProfile.class)))
	@ApiResponse(responseCode = "400", description = "A body that is neither empty nor {}")
	@ApiResponse(responseCode = "401",
			description = "No Authorization, or not a valid API key: malformed, unknown or revoked, or its owner "
					+ "is banned")
	@ApiResponse(responseCode = "503", description = CARD_UNAVAILABLE)
	void getUserProfile(HttpServletRequest request, HttpServletResponse response) throws IOException;

}
