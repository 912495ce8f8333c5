package dev.facecard.profile;

import dev.facecard.shared.web.error.ServiceBusyException;

/**
 * 503: a card miss waited {@code facecard.cache.profile-miss-wait} for a turn at a card
 * statement (the statements under way are slow or the misses too many); worth a retry
 * soon. Counted in {@code facecard.profile.miss-refusals}, apart from a database that
 * fails.
 */
class CardLookupsBusyException extends ServiceBusyException {

	CardLookupsBusyException() {
		super("Too many profile lookups at once.");
	}

}
