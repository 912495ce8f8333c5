package dev.facecard.app;

import java.time.Clock;

import dev.facecard.shared.data.Identifiers;
import dev.facecard.shared.data.RandomIds;
import dev.facecard.shared.web.error.ConflictException;
import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.shared.web.error.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The apps of the platform; owns the {@code apps} table. */
@Service
public class AppService {

	private static final int MAX_NAME_LENGTH = 200;

	private final AppRepository apps;

	private final Clock clock;

	public AppService(AppRepository apps, Clock clock) {
		this.apps = apps;
		this.clock = clock;
	}

	/** Whether app {@code appid} exists. */
	@Transactional(readOnly = true)
	public boolean exists(String appid) {
		return this.apps.existsById(appid);
	}

	/** Creates an app; {@code appid} is generated when null. */
	@Transactional
	public StoredApp create(String appid, String name) {
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
		return this.apps.insert(new StoredApp(id, name.strip(), this.clock.instant()));
	}

	/** The answer for an app that does not exist, or is out of the caller's reach. */
	public static NotFoundException notFound(String appid) {
		return new NotFoundException("No app with appid '" + appid + "'.");
	}

}
