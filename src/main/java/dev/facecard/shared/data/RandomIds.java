package dev.facecard.shared.data;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets, URL-safe ({@code [A-Za-z0-9_-]}). */
public final class RandomIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private RandomIds() {
	}

	/** {@code prefix} followed by {@code bytes} random bytes in base64url. */
	public static String next(String prefix, int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return prefix + ENCODER.encodeToString(random);
	}

}
