package dev.facecard.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.facecard.app.AppScope;
import dev.facecard.leaderboard.RankedUser;
import dev.facecard.shared.data.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OpenAPI description of {@link AdminListingController}'s listings, kept out of its
 * body. Every listing is a keyset page: {@code limit} and {@code cursor} are read by
 * {@code PageRequest}. Error answers get the problem-details body from
 * {@code OpenApiConfiguration}.
 */
interface AdminListingApiDocs extends AdminApi {

	/** The query parameters of every listing. */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Parameter(name = "limit", in = ParameterIn.QUERY, description = "Most items of the page (default 100)",
			schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
	@Parameter(name = "cursor", in = ParameterIn.QUERY,
			description = "nextCursor of the page before; absent for the first page", schema = @Schema(type = "string"))
	@interface PageParameters {

	}

	String PAGING = " A page is {\"items\":[…],\"nextCursor\":…}: pass nextCursor back as cursor for the next page; "
			+ "null means this was the last. Items inserted while paging never repeat or hide the ones that were "
			+ "there; a deep page costs what the first does.";

	@Operation(summary = "List the apps",
			description = "Every app, oldest first; with an app credential, its own app only." + PAGING)
	@PageParameters
	@ApiResponse(responseCode = "200", description = "A page of apps")
	@ApiResponse(responseCode = "400",
			description = "limit not an integer from 1 to 1000, or not a cursor of this listing")
	Page<AppView> apps(String limit, String cursor, AppScope scope);

	@Operation(summary = "List an app's users",
			description = "The users of one app, oldest first, every stored field as GET /admin/users/{userId} shows "
					+ "it; with username, only the user of exactly that name (a page of one or none)." + PAGING)
	@Parameter(name = "appid", in = ParameterIn.QUERY, required = true, description = "The app",
			schema = @Schema(type = "string", maxLength = 64), example = "demo")
	@Parameter(name = "username", in = ParameterIn.QUERY, description = "Exact username to find",
			schema = @Schema(type = "string", maxLength = 256), example = "\"13800138000\"")
	@PageParameters
	@ApiResponse(responseCode = "200", description = "A page of users")
	@ApiResponse(responseCode = "400",
			description = "appid missing or malformed, username empty or too long, limit not an integer from 1 to "
					+ "1000, or not a cursor of this listing")
	@ApiResponse(responseCode = "404", description = "No such app (or, with an app credential, another app)")
	Page<AdminUserView> users(String appid, String username, String limit, String cursor, AppScope scope);

	@Operation(summary = "List a user's API keys",
			description = "Every key of the user, revoked ones too, oldest first: id, createdAt, revokedAt and "
					+ "lastUsedAt (epoch ms or null; recorded at most once per facecard.api-keys.last-used-interval, "
					+ "so it may lag by that much). Never a token or its hash." + PAGING)
	@Parameter(name = "userId", in = ParameterIn.PATH, required = true, description = "The user",
			schema = @Schema(type = "string", maxLength = 64))
	@PageParameters
	@ApiResponse(responseCode = "200", description = "A page of API keys")
	@ApiResponse(responseCode = "400",
			description = "limit not an integer from 1 to 1000, or not a cursor of this listing")
	@ApiResponse(responseCode = "404", description = "No such user")
	Page<ApiKeyView> apiKeys(String userId, String limit, String cursor, AppScope scope);

	@Operation(summary = "List a board's places",
			description = "The board's users with their rank, first place first (at most 15)." + PAGING)
	@Parameter(name = "board", in = ParameterIn.PATH, required = true, description = "author or vip",
			schema = @Schema(type = "string", allowableValues = { "author", "vip" }))
	@PageParameters
	@ApiResponse(responseCode = "200", description = "A page of places")
	@ApiResponse(responseCode = "400",
			description = "limit not an integer from 1 to 1000, or not a cursor of this listing")
	@ApiResponse(responseCode = "404", description = "No such board")
	Page<RankedUser> leaderboard(String board, String limit, String cursor);

}
