package dev.facecard.app;

import java.time.Clock;

import dev.facecard.system.ConflictException;
import dev.facecard.system.InvalidRequestException;
import dev.facecard.system.RandomIds;
import dev.facecard.system.Identifiers;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AppService {

	private static final int MAX_NAME_LENGTH = 200;

	private final AppRepository apps;

	private final Clock clock;

	public AppService(AppRepository apps, Clock clock) {
		this.apps = apps;
		this.clock = clock;
	}

	/** Creates an app; {@code appid} is generated when null. */
	@Transactional
	public App create(String appid, String name) {
		if (appid != null) {
			Identifiers.requireValid("appid", appid);
		}
		if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			throw new InvalidRequestException("'name' must be 1 to " + MAX_NAME_LENGTH + " characters.");
		}
		String id = (appid != null) ? appid : RandomIds.next("app_", 12);
		if (this.apps.existsById(id)) {
			throw new ConflictException("An app with appid '" + id + "' exists already.");
		}
		return this.apps.save(new App(id, name.strip(), this.clock.instant()));
	}

}
