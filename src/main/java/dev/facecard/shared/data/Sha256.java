package dev.facecard.shared.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lowercase hex: avatar content hashes and stored token hashes. */
public final class Sha256 {

	/**
	 * Never updated, only cloned: a clone skips the provider lookup and algorithm checks
	 * that {@link MessageDigest#getInstance} makes on every call, which cost more than
	 * digesting a profile card or a key (bench/RESULTS.md, Notes).
	 */
	private static final MessageDigest PROTOTYPE = newDigest();

	private static final HexFormat HEX = HexFormat.of();

	private Sha256() {
	}

	public static byte[] digest(byte[] data) {
		return fresh().digest(data);
	}

	public static String hex(byte[] data) {
		return HEX.formatHex(digest(data));
	}

	public static String hex(String text) {
		return hex(text.getBytes(StandardCharsets.UTF_8));
	}

	private static MessageDigest fresh() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			// a provider whose digests cannot be cloned: look one up each time
			return newDigest();
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
