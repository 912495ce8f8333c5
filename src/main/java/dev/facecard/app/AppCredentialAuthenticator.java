package dev.facecard.app;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Resolves an app credential's secret to the scope it reaches. A secret that cannot be
 * one of ours is refused without a lookup. The secret itself is never compared: it is
 * looked up by its SHA-256, so how long a lookup takes tells at most something about a
 * digest, from which no secret can be worked back. Answers are cached by that digest,
 * unknown ones apart from known ones ({@link LookupCache}), so a flood of made-up secrets
 * never pushes real credentials out; the admin gate limits how many a client may try
 * before any of them is looked up, and across clients lookups take one statement at a
 * time ({@link #MAX_LOOKUP_STATEMENTS}).
 */
@Component
public class AppCredentialAuthenticator implements MonitoredCaches {

	private static final Pattern TOKEN = Pattern.compile(Pattern.quote(AppCredentialService.TOKEN_PREFIX)
			+ "[A-Za-z0-9_-]{" + base64UrlLength(AppCredentialService.TOKEN_BYTES) + "}");

	/**
	 * Most credential lookup statements at a time: made-up credentials from many clients,
	 * each within its admin-failures budget, hold at most this many pool connections. One
	 * is enough for real ones: an app's backend presents one credential, looked up once
	 * and then cached.
	 */
	static final int MAX_LOOKUP_STATEMENTS = 1;

	private final AppCredentialRepository credentials;

	/**
	 * Secret hash to its credential's app, for {@code facecard.cache.ttl}; revocations
	 * evict exactly, on every instance.
	 */
	private final LookupCache<String, AppCredentialOwner> owners;

	/** The turns of {@link #MAX_LOOKUP_STATEMENTS} that every credential lookup takes. */
	private final StatementTurns lookupTurns;

	AppCredentialAuthenticator(AppCredentialRepository credentials, FacecardProperties properties, CacheTrust trust,
			MeterRegistry meters) {
		this.credentials = credentials;
		this.owners = LookupCache.of(properties.cache(), trust, true);
		Counter lookupRefusals = Counter.builder("facecard.app-credential.lookup-refusals")
			.description("App credentials not cached whose lookup was refused (503) because the credential statement"
					+ " did not come free within facecard.cache.lookup-wait")
			.register(meters);
		this.lookupTurns = new StatementTurns(MAX_LOOKUP_STATEMENTS, properties.cache().lookupWait(),
				lookupRefusals::increment);
	}

	/**
	 * The scope of the credential whose secret is {@code token}; empty when it is
	 * malformed, unknown or revoked. May need one database statement.
	 * @throws TurnTimeoutException when the lookup found the credential statement busy
	 * for {@code facecard.cache.lookup-wait}
	 */
	public Optional<AppScope> authenticate(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		return this.owners.get(Sha256.hex(token), this::lookUp)
			.filter(AppCredentialOwner::active)
			.map(owner -> AppScope.of(owner.appid()));
	}

	/** The owner of the credential with {@code hash}, or null; in one of the turns. */
	private AppCredentialOwner lookUp(String hash) {
		return this.lookupTurns.run(() -> this.credentials.findOwner(hash).orElse(null));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(AppCredentialRevoked revoked) {
		this.owners.invalidate(revoked.tokenHash());
	}

	@Override
	public Map<String, Cache<?, ?>> monitoredCaches() {
		return Map.of("app-credential.owners", this.owners.found(), "app-credential.unknown", this.owners.notFound());
	}

	private static int base64UrlLength(int bytes) {
		return (bytes * 8 + 5) / 6;
	}

}
