package dev.facecard.auth;

import java.time.Clock;

import dev.facecard.app.AppScope;
import dev.facecard.shared.data.RandomIds;
import dev.facecard.shared.data.Sha256;
import dev.facecard.shared.web.error.NotFoundException;
import dev.facecard.user.UserService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and revokes API keys. A token is {@code fc_} followed by 32 random bytes (256
 * bits) in base64url; the database keeps its SHA-256 only, which is enough because the
 * token has full entropy.
 */
@Service
public class ApiKeyService {

	static final String TOKEN_PREFIX = "fc_";

	private final ApiKeyRepository keys;

	private final UserService users;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public ApiKeyService(ApiKeyRepository keys, UserService users, Clock clock, ApplicationEventPublisher events) {
		this.keys = keys;
		this.users = users;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * An issued key: its id (for revocation) and its token, which exists nowhere else.
	 */
	public record IssuedApiKey(String id, String token) {
	}

	/** Issues a key of {@code userId}, a user within {@code scope}. */
	@Transactional
	public IssuedApiKey issue(String userId, AppScope scope) {
		String token = RandomIds.next(TOKEN_PREFIX, 32);
		this.users.requireExists(scope, userId);
		String id = RandomIds.next("key_", 12);
		this.keys.insert(id, userId, Sha256.hex(token), this.clock.instant());
		return new IssuedApiKey(id, token);
	}

	/**
	 * Revokes a key of a user within {@code scope}; revoking a revoked key again is not
	 * an error.
	 */
	@Transactional
	public void revoke(String id, AppScope scope) {
		ApiKeyRepository.StoredKey key = this.keys.findById(id)
			.filter(found -> scope.isPlatform() || this.users.exists(found.userId(), scope))
			.orElseThrow(() -> new NotFoundException("No API key '" + id + "'."));
		this.keys.revoke(id, this.clock.instant());
		this.events.publishEvent(new ApiKeyRevoked(key.tokenHash()));
	}

}
