package dev.facecard.avatar;

import dev.facecard.shared.web.error.ServiceBusyException;

/**
 * 503: every avatar lookup statement stayed busy for the longest wait
 * ({@code facecard.cache.lookup-wait}, {@link AvatarLookups}); worth a retry soon.
 */
class AvatarLookupsBusyException extends ServiceBusyException {

	AvatarLookupsBusyException() {
		super("Too many avatar lookups at once.");
	}

}
