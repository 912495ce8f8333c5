package dev.facecard.app;

import java.time.Clock;
import java.util.List;

import dev.facecard.shared.data.RandomIds;
import dev.facecard.shared.data.Sha256;
import dev.facecard.shared.web.error.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists and revokes the credentials of apps. A secret is {@code fcapp_} followed
 * by 32 random bytes (256 bits) in base64url; the database keeps its SHA-256 only, which
 * is enough because the secret has full entropy. Its own prefix tells it apart from user
 * API keys ({@code fc_}) at a glance and in secret scanners.
 */
@Service
public class AppCredentialService {

	static final String TOKEN_PREFIX = "fcapp_";

	static final int TOKEN_BYTES = 32;

	private final AppCredentialRepository credentials;

	private final AppService apps;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public AppCredentialService(AppCredentialRepository credentials, AppService apps, Clock clock,
			ApplicationEventPublisher events) {
		this.credentials = credentials;
		this.apps = apps;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * An issued credential: its id (to list and revoke it) and its secret, shown once.
	 */
	public record IssuedAppCredential(String id, String token) {
	}

	@Transactional
	public IssuedAppCredential issue(String appid) {
		requireApp(appid);
		String token = RandomIds.next(TOKEN_PREFIX, TOKEN_BYTES);
		AppCredential credential = new AppCredential(RandomIds.next("cred_", 12), appid, Sha256.hex(token),
				this.clock.instant(), null);
		this.credentials.insert(credential);
		return new IssuedAppCredential(credential.id(), token);
	}

	/** The credentials of {@code appid}, revoked ones included, oldest first. */
	@Transactional(readOnly = true)
	public List<StoredAppCredential> list(String appid) {
		requireApp(appid);
		return this.credentials.findByAppid(appid).stream().map(StoredAppCredential::of).toList();
	}

	/**
	 * Revokes a credential of {@code appid}; revoking a revoked credential again is not
	 * an error. Every instance forgets it before the next request it serves after the
	 * commit (here at once, elsewhere through the change relay).
	 */
	@Transactional
	public void revoke(String appid, String id) {
		requireApp(appid);
		AppCredential credential = this.credentials.findById(id)
			.filter(found -> found.appid().equals(appid))
			.orElseThrow(() -> new NotFoundException("App '" + appid + "' has no credential '" + id + "'."));
		this.credentials.revoke(id, this.clock.instant());
		this.events.publishEvent(new AppCredentialRevoked(credential.tokenHash()));
	}

	private void requireApp(String appid) {
		if (!this.apps.exists(appid)) {
			throw AppService.notFound(appid);
		}
	}

}
