package dev.facecard.auth;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.facecard.system.Sha256;

import org.springframework.stereotype.Component;

/**
 * Resolves an {@code Authorization} header to the owner of a valid API key. Tokens are looked up by their
 * SHA-256; a token that cannot be one of ours is refused without a lookup.
 */
@Component
public class ApiKeyAuthenticator {

	private static final Pattern TOKEN = Pattern.compile(ApiKeyService.TOKEN_PREFIX + "[A-Za-z0-9_-]{16,128}");

	private final ApiKeyRepository keys;

	public ApiKeyAuthenticator(ApiKeyRepository keys) {
		this.keys = keys;
	}

	/** What an {@code Authorization} header says about the caller. */
	public sealed interface Result {

		/** No {@code Authorization} header: an anonymous call. */
		record Anonymous() implements Result {
		}

		record Authenticated(ApiCaller caller) implements Result {
		}

		/** Malformed, unknown, revoked, or the owner is banned. */
		record Refused() implements Result {
		}

	}

	public Result authenticate(String authorization) {
		if (authorization == null) {
			return new Result.Anonymous();
		}
		String token = bearerToken(authorization);
		if (token == null || !TOKEN.matcher(token).matches()) {
			return new Result.Refused();
		}
		Optional<String> owner = this.keys.findActiveOwner(Sha256.hex(token));
		return owner.<Result>map(userId -> new Result.Authenticated(new ApiCaller(userId)))
			.orElseGet(Result.Refused::new);
	}

	private static String bearerToken(String authorization) {
		int space = authorization.indexOf(' ');
		if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
			return null;
		}
		return authorization.substring(space + 1).strip();
	}

}
