package dev.facecard.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.RandomIds;
import dev.facecard.shared.data.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The admin API's bearer token ({@code facecard.admin-token}). When none is configured
 * (the embedded zero-configuration run), one is generated and written to a file only its
 * owner can read, whose path is logged: the token itself never appears in a log. Only its
 * digest is kept, and presented tokens are compared digest to digest in constant time.
 */
@Component
public class AdminToken {

	private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

	private final byte[] digest;

	public AdminToken(FacecardProperties properties) throws IOException {
		String token = properties.adminToken();
		if (token == null || token.isBlank()) {
			token = RandomIds.next("fca_", 32);
			Path file = writeOwnerOnly(token);
			log.warn("No facecard.admin-token configured; generated one for this run, in {}", file);
		}
		this.digest = Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
	}

	public boolean matches(String presented) {
		return presented != null
				&& MessageDigest.isEqual(this.digest, Sha256.digest(presented.getBytes(StandardCharsets.UTF_8)));
	}

	private static Path writeOwnerOnly(String token) throws IOException {
		Path file = Path.of(System.getProperty("java.io.tmpdir"),
				"facecard-admin-token-" + ProcessHandle.current().pid());
		Files.deleteIfExists(file);
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(file, token + System.lineSeparator(), StandardCharsets.UTF_8);
		file.toFile().deleteOnExit();
		return file;
	}

}
