package dev.facecard.avatar;

import dev.facecard.shared.web.error.ServiceBusyException;

/**
 * 503: every image-work slot stayed busy for the longest wait ({@link ImageWork}); worth
 * a retry soon.
 */
class ImageWorkUnavailableException extends ServiceBusyException {

	ImageWorkUnavailableException() {
		super("Too much image work at once.");
	}

}
