package dev.facecard.auth;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.shared.cache.CacheTrust;
import dev.facecard.shared.cache.LookupCache;
import dev.facecard.shared.cache.MonitoredCaches;
import dev.facecard.shared.cache.StatementTurns;
import dev.facecard.shared.cache.TurnTimeoutException;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.Sha256;
import dev.facecard.user.UserChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Resolves an {@code Authorization} header to the owner of a valid API key. Tokens are
 * looked up by their SHA-256; a token that cannot be one of ours is refused without a
 * lookup, and unknown tokens are cached apart from the keys that exist, so that made-up
 * keys never push real ones out (the gate limits how many a client may try,
 * {@link ApiAccessFilter}).
 */
@Component
public class ApiKeyAuthenticator implements MonitoredCaches {

	private static final Pattern TOKEN = Pattern.compile(ApiKeyService.TOKEN_PREFIX + "[A-Za-z0-9_-]{16,128}");

	/**
	 * Most key lookup statements at a time: a flood of uncached keys from many clients,
	 * each within its key-failure budget, holds at most two pool connections.
	 */
	static final int MAX_LOOKUP_STATEMENTS = 2;

	private final ApiKeyRepository keys;

	/**
	 * Token hash to the key's owner (kept as {@link LookupCache} says); revocations and
	 * bans evict exactly. Unknown keys are kept apart, so that made-up keys never push
	 * real ones out, and one tried again is answered as fast as a revoked one: how fast a
	 * refusal comes tells nobody whether a key ever existed.
	 */
	private final LookupCache<String, ApiKeyOwner> owners;

	private final ApiKeyUsage usage;

	/** The turns of {@link #MAX_LOOKUP_STATEMENTS} that every key lookup takes. */
	private final StatementTurns lookupTurns;

	ApiKeyAuthenticator(ApiKeyRepository keys, FacecardProperties properties, CacheTrust trust, ApiKeyUsage usage,
			MeterRegistry meters) {
		this.keys = keys;
		this.usage = usage;
		this.owners = LookupCache.of(properties.cache(), trust, true);
		Counter lookupRefusals = Counter.builder("facecard.api-key.lookup-refusals")
			.description("API keys not cached whose lookup was refused (503) because none of the key statements"
					+ " allowed at a time came free within facecard.cache.lookup-wait")
			.register(meters);
		this.lookupTurns = new StatementTurns(MAX_LOOKUP_STATEMENTS, properties.cache().lookupWait(),
				lookupRefusals::increment);
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

	/**
	 * What {@code authorization} says, looking the key up when it is not cached.
	 * @throws TurnTimeoutException when the lookup found every key statement busy for
	 * {@code facecard.cache.lookup-wait}
	 */
	public Result authenticate(String authorization) {
		return resolve(authorization, true);
	}

	/**
	 * What {@code authorization} says from what is known without a lookup; null when the
	 * key needs one.
	 */
	public Result fromCache(String authorization) {
		return resolve(authorization, false);
	}

	private Result resolve(String authorization, boolean lookUp) {
		if (authorization == null) {
			return new Result.Anonymous();
		}
		String token = bearerToken(authorization);
		if (token == null || !TOKEN.matcher(token).matches()) {
			return new Result.Refused();
		}
		String hash = Sha256.hex(token);
		Optional<ApiKeyOwner> owner = lookUp ? this.owners.get(hash, this::lookUp) : this.owners.getIfPresent(hash);
		if (owner == null) {
			return null;
		}
		if (owner.isEmpty() || !owner.get().active()) {
			return new Result.Refused();
		}
		this.usage.used(hash);
		return new Result.Authenticated(new ApiCaller(owner.get().userId()));
	}

	/** The owner of the key with {@code hash}, or null; in one of the turns. */
	private ApiKeyOwner lookUp(String hash) {
		return this.lookupTurns.run(() -> this.keys.findOwner(hash).orElse(null));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(ApiKeyRevoked revoked) {
		this.owners.invalidate(revoked.tokenHash());
	}

	/**
	 * A ban or unban changes every key of the user, and the cache cannot name them: it
	 * forgets all keys (bans are rare; each key costs one lookup again). Other changes of
	 * a user leave keys alone.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void evict(UserChanged change) {
		if (change.banChanged()) {
			this.owners.invalidateAll();
		}
	}

	@Override
	public Map<String, Cache<?, ?>> monitoredCaches() {
		return Map.of("api-key.owners", this.owners.found(), "api-key.unknown", this.owners.notFound());
	}

	private static String bearerToken(String authorization) {
		int space = authorization.indexOf(' ');
		if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
			return null;
		}
		return authorization.substring(space + 1).strip();
	}

}
