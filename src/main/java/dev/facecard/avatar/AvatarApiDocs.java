package dev.facecard.avatar;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The OpenAPI description of {@link AvatarController}'s endpoints, kept out of its body.
 * The API gate's own answers (429, 503) are added to every operation, and every error
 * answer gets the nobase body, by {@code OpenApiConfiguration}.
 */
@Tag(name = "Avatars")
interface AvatarApiDocs {

	/**
	 * The avatar endpoints' 503s: the database, image work, and lookups that waited too
	 * long for their turn.
	 */
	String AVATAR_UNAVAILABLE = "Database unreachable, or too much image work or too many lookups at once "
			+ "(facecard.avatar.image-work.max-wait, facecard.cache.lookup-wait; with Retry-After)";

	@Operation(summary = "Get a user's avatar",
			description = "The avatar as JPEG bytes, for <img src>; WebP when the Accept header names image/webp "
					+ "(not through image/* or */*), with Vary: Accept. No authentication. GET and HEAD; "
					+ "If-None-Match and If-Modified-Since give 304.")
	@Parameter(name = "appid", in = ParameterIn.QUERY, required = true, description = "App ID",
			schema = @Schema(type = "string", minLength = 1, maxLength = 64), example = "demo")
	// examples are read as JSON: quoted, digits stay a string
	@Parameter(name = "user", in = ParameterIn.QUERY, required = true, description = "Username within the app",
			schema = @Schema(type = "string", minLength = 1, maxLength = 64), example = "\"13800138000\"")
	@Parameter(name = "default", in = ParameterIn.QUERY, required = false,
			description = "What a user without an avatar (unknown, banned, none) answers: 404 (the default), "
					+ "identicon (generated from appid and username) or mp (a neutral silhouette), at the asked size",
			schema = @Schema(type = "string", allowableValues = { "404", "identicon", "mp" }), example = "identicon")
	@Parameter(name = "size", in = ParameterIn.QUERY, required = false,
			description = "Scale to fit size×size pixels (never upscaled); each size has its own ETag",
			schema = @Schema(type = "integer", minimum = "16", maximum = "1024"), example = "48")
	@ApiResponse(responseCode = "200", description = "The avatar",
			content = { @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")) })
	@ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
	@ApiResponse(responseCode = "400",
			description = "appid or user missing, blank, longer than 64 characters, or repeated")
	@ApiResponse(responseCode = "404", description = "Unknown app or user, banned user, or no avatar")
	@ApiResponse(responseCode = "429",
			description = "Too many lookups that ended in 404, or too many sizes that "
					+ "needed a resize; see Retry-After")
	@ApiResponse(responseCode = "503", description = AVATAR_UNAVAILABLE)
	void getAvatar(HttpServletRequest request, HttpServletResponse response) throws IOException;

	@Operation(summary = "Get an avatar by content hash",
			description = "The URL that profile cards' avatarUrl points at; its bytes never change.")
	@Parameter(name = "size", in = ParameterIn.QUERY, required = false,
			description = "Scale to fit size×size pixels (never upscaled); each size has its own ETag",
			schema = @Schema(type = "integer", minimum = "16", maximum = "1024"), example = "48")
	@ApiResponse(responseCode = "200", description = "The avatar",
			content = @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
	@ApiResponse(responseCode = "404", description = "Unknown hash")
	@ApiResponse(responseCode = "429", description = "Too many sizes that needed a resize; see Retry-After")
	@ApiResponse(responseCode = "503", description = AVATAR_UNAVAILABLE)
	void getByHash(String hash, HttpServletRequest request, HttpServletResponse response) throws IOException;

	@Operation(summary = "Get the WebP of an avatar by content hash",
			description = "The avatar of /avatars/{hash}.jpg as WebP; its bytes never change. Should the encoder "
					+ "fail, the JPEG (image/jpeg), cached briefly.")
	@Parameter(name = "size", in = ParameterIn.QUERY, required = false,
			description = "Scale to fit size×size pixels (never upscaled); each size has its own ETag",
			schema = @Schema(type = "integer", minimum = "16", maximum = "1024"), example = "48")
	@ApiResponse(responseCode = "200", description = "The avatar",
			content = @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
	@ApiResponse(responseCode = "404", description = "Unknown hash")
	@ApiResponse(responseCode = "429", description = "Too many sizes that needed a resize; see Retry-After")
	@ApiResponse(responseCode = "503", description = AVATAR_UNAVAILABLE)
	void getWebpByHash(String hash, HttpServletRequest request, HttpServletResponse response) throws IOException;

}
