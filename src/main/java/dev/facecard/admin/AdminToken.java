package dev.facecard.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.facecard.system.FacecardProperties;
import dev.facecard.system.RandomIds;
import dev.facecard.system.Sha256;

import org.springframework.stereotype.Component;

/**
 * The admin API's bearer token ({@code facecard.admin-token}). When none is configured, one is generated
 * and logged once at start-up, the only time it is ever logged. Only its digest is kept, and presented
 * tokens are compared digest to digest in constant time.
 */
@Component
public class AdminToken {

	private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

	private final byte[] digest;

	public AdminToken(FacecardProperties properties) {
		String token = properties.adminToken();
		if (token == null || token.isBlank()) {
			token = RandomIds.next("fca_", 32);
			log.warn("No facecard.admin-token configured; generated one for this run: {}", token);
		}
		this.digest = Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
	}

	public boolean matches(String presented) {
		return presented != null
				&& MessageDigest.isEqual(this.digest, Sha256.digest(presented.getBytes(StandardCharsets.UTF_8)));
	}

}
