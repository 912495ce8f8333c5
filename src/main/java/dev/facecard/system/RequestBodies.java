package dev.facecard.system;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body under a limit. A body beyond the limit, declared or sent (a chunked body declares
 * nothing), is a 413, found without reading more than one byte past the limit. A body that ends before its
 * declared length or breaks off (the client closed, reset or stalled) is a 400: the client's doing, not an
 * internal error.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * @param declaredLength the Content-Length, or -1 when unknown
	 * @param tooLarge the detail of the 413
	 */
	public static byte[] read(InputStream body, long declaredLength, long maxBytes, String tooLarge) {
		if (declaredLength > maxBytes) {
			throw new PayloadTooLargeException(tooLarge);
		}
		byte[] bytes;
		try {
			bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		}
		catch (IOException ex) {
			throw new InvalidRequestException("The body ended before its declared length, or broke off.");
		}
		if (bytes.length > maxBytes) {
			throw new PayloadTooLargeException(tooLarge);
		}
		return bytes;
	}

}
