package dev.facecard.shared.config;

import java.util.List;

import dev.facecard.shared.web.PublicPaths;
import dev.facecard.shared.web.error.AvatarError;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/** Name of the bearer API-key scheme of {@code /api/**}. */
	static final String API_KEY = "apiKey";

	/** Name of the admin token scheme of {@code /admin/**}. */
	static final String ADMIN_TOKEN = "adminToken";

	/** Name of the app credential scheme of {@code /admin/**}: one app's users only. */
	static final String APP_CREDENTIAL = "appCredential";

	/**
	 * The document names its server relatively ({@code /}: where it is served from), not
	 * as springdoc would, from the request's {@code Host}, which a client chooses.
	 */
	@Bean
	OpenAPI facecardOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Facecard")
				.version("1")
				.description("User avatars and public profile cards for the apps of a platform."))
			.servers(List.of(new Server().url("/").description("This service")))
			.components(new Components()
				.addSecuritySchemes(API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("API key (fc_…) of a user: optional on the public cards, where it adds "
									+ "isFollowing and a per-user rate limit; required by get-user-profile."))
				.addSecuritySchemes(ADMIN_TOKEN,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("facecard.admin-token: reaches every app"))
				.addSecuritySchemes(APP_CREDENTIAL, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("An app's credential (fcapp_…, POST /admin/apps/{appid}/credentials): reaches "
							+ "that app's users, avatars, follows and API keys only; anything of another app is 404")));
	}

	/**
	 * Swagger UI's configuration ({@code /v3/api-docs/swagger-config}) names its OAuth2
	 * redirect from the request's {@code Host}, a header the client chooses (springdoc
	 * builds it so unless given an absolute URL, which a service does not know without
	 * {@code facecard.public-base-url}): it is never stored by a cache, so no client's
	 * {@code Host} reaches another.
	 */
	@Bean
	FilterRegistrationBean<NoStoreFilter> swaggerConfigNeverStored() {
		FilterRegistrationBean<NoStoreFilter> registration = new FilterRegistrationBean<>(new NoStoreFilter());
		registration.addUrlPatterns("/v3/api-docs/swagger-config");
		return registration;
	}

	/**
	 * The profile endpoints take an API key but do not need one: OpenAPI says so with an
	 * empty requirement next to the key's, which annotations cannot express.
	 */
	@Bean
	OpenApiCustomizer optionalApiKeyOnProfiles() {
		return openApi -> openApi.getPaths()
			.entrySet()
			.stream()
			.filter(path -> path.getKey().startsWith("/api/get-public-user-profile"))
			.flatMap(path -> path.getValue().readOperations().stream())
			.forEach(operation -> operation
				.setSecurity(List.of(new SecurityRequirement(), new SecurityRequirement().addList(API_KEY))));
	}

	/**
	 * What the admin API's gate answers before any handler (filters, so no annotation
	 * sees them): 401 without the right token, 429 after too many wrong ones, and for
	 * bodies 413 beyond the size limit, 415 for a content type the call does not take and
	 * 408 for a body that did not arrive in time.
	 */
	@Bean
	OpenApiCustomizer adminGateAnswers() {
		return openApi -> openApi.getPaths()
			.entrySet()
			.stream()
			.filter(path -> path.getKey().startsWith("/admin/"))
			.flatMap(path -> path.getValue().readOperations().stream())
			.forEach(operation -> {
				ApiResponses responses = operation.getResponses();
				answer(responses, false, 401,
						"No admin token or app credential, or not a right one (unknown or revoked).");
				answer(responses, false, 429,
						"Too many wrong admin tokens or app credentials from this client IP; see Retry-After.");
				if (operation.getRequestBody() != null) {
					answer(responses, false, 413,
							"The body is over its limit (64 KiB of JSON; images: facecard.avatar.max-upload-size).");
					answer(responses, false, 415, "A content type this call does not take.");
					answer(responses, false, 408, "The body did not arrive within facecard.deadlines.body.");
				}
			});
	}

	/**
	 * What the API gate answers before any handler, on every operation of {@code /api/**}
	 * and the avatar URLs that does not describe it more precisely itself, in the path's
	 * format: 401 for an API key that is not valid (the avatar paths read none), 429 past
	 * a rate limit, 503 when the database is unreachable or lookups wait too long for a
	 * statement; and for bodies 408 past {@code facecard.deadlines.body} and 413 beyond
	 * the size limit.
	 */
	@Bean
	OpenApiCustomizer apiGateAnswers() {
		return openApi -> openApi.getPaths().forEach((path, item) -> {
			boolean avatars = PublicPaths.servesAvatars(path);
			if (!avatars && !path.startsWith("/api/")) {
				return;
			}
			item.readOperations().forEach(operation -> {
				ApiResponses responses = operation.getResponses();
				if (!avatars) {
					answer(responses, false, 401,
							"Authorization present but not a valid API key: malformed, unknown or "
									+ "revoked, or its owner is banned");
				}
				answer(responses, avatars, 429, "Rate limited; see Retry-After");
				answer(responses, avatars, 503,
						"Database unreachable, or too many lookups at once (facecard.cache.lookup-wait; with "
								+ "Retry-After)");
				if (operation.getRequestBody() != null) {
					answer(responses, avatars, 408, "The body did not arrive within facecard.deadlines.body");
					answer(responses, avatars, 413, "The body is over its limit");
				}
			});
		});
	}

	/**
	 * Every error answer not described in a format of its own (no body: the
	 * {@code @ApiResponse}s of the controllers' {@code *ApiDocs}, {@code AdminScopes}'
	 * 403; or springdoc's guess, any type with the method's return type) gets its path's
	 * error format, so that no description repeats it; and the two formats' schemas are
	 * in the document, whether an annotation names them or not.
	 */
	@Bean
	OpenApiCustomizer errorsInThePathsFormat() {
		return openApi -> {
			openApi.getPaths()
				.forEach((path, item) -> item.readOperations()
					.forEach(operation -> operation.getResponses().replaceAll((status, response) -> {
						if (!isError(status) || hasFormatOfItsOwn(response)) {
							return response;
						}
						// a new answer: springdoc may share one between operations of
						// other paths
						return new ApiResponse().description(response.getDescription())
							.headers(response.getHeaders())
							.links(response.getLinks())
							.extensions(response.getExtensions())
							.content(errorContent(PublicPaths.servesAvatars(path), Integer.parseInt(status)));
					})));
			Components components = openApi.getComponents();
			for (Class<?> format : List.of(ProblemDetail.class, AvatarError.class)) {
				ModelConverters.getInstance(SpecVersion.V31.equals(openApi.getSpecVersion()))
					.read(format)
					.forEach((name, schema) -> {
						if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
							components.addSchemas(name, schema);
						}
					});
			}
		};
	}

	/** A 4xx or 5xx status code; not a range ({@code 4XX}) nor {@code default}. */
	private static boolean isError(String status) {
		return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5')
				&& Character.isDigit(status.charAt(1)) && Character.isDigit(status.charAt(2));
	}

	private static boolean hasFormatOfItsOwn(ApiResponse response) {
		Content content = response.getContent();
		return content != null && !content.isEmpty() && !content.containsKey("*/*");
	}

	/**
	 * Adds an answer of the gate's, unless the operation describes that status itself.
	 */
	private static void answer(ApiResponses responses, boolean avatars, int status, String description) {
		if (responses.containsKey(Integer.toString(status))) {
			return;
		}
		responses.addApiResponse(Integer.toString(status),
				new ApiResponse().description(description).content(errorContent(avatars, status)));
	}

	/**
	 * An error answer's body: on the avatar paths the nobase JSON, with the one for its
	 * status as example; elsewhere problem details.
	 */
	private static Content errorContent(boolean avatars, int status) {
		if (avatars) {
			return new Content().addMediaType("application/json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/AvatarError"))
						.example(AvatarError.of(status)));
		}
		return new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")));
	}

}
