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
 * owner can read, {@code facecard-admin-token-<pid>} in {@code $TMPDIR} (else
 * {@code java.io.tmpdir}), whose path is logged: the token itself never appears in a log.
 * Only its digest is kept, and presented tokens are compared digest to digest in constant
 * time.
 */
@Component
public class AdminToken {

	private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

	private final byte[] digest;

	public AdminToken(FacecardProperties properties) throws IOException {
		String token = properties.adminToken();
		if (token == null || token.isBlank()) {
			token = RandomIds.next("fca_", 32);
			Path file = writeOwnerOnly(token, tokenDirectory(System.getenv("TMPDIR")));
			log.warn("No facecard.admin-token configured; generated one for this run: read it from {}", file);
		}
		this.digest = Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
	}

	public boolean matches(String presented) {
		return presented != null
				&& MessageDigest.isEqual(this.digest, Sha256.digest(presented.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Where the generated token goes: {@code $TMPDIR} when it names a directory, since
	 * that is where a user looks for temporary files (Java's {@code java.io.tmpdir}
	 * ignores it on Linux), else {@code java.io.tmpdir}.
	 */
	static Path tokenDirectory(String tmpdir) {
		if (tmpdir != null && !tmpdir.isBlank()) {
			Path directory = Path.of(tmpdir);
			if (Files.isDirectory(directory)) {
				return directory;
			}
		}
		return Path.of(System.getProperty("java.io.tmpdir"));
	}

	static Path writeOwnerOnly(String token, Path directory) throws IOException {
		Path file = directory.resolve("facecard-admin-token-" + ProcessHandle.current().pid());
		Files.deleteIfExists(file);
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(file, token + System.lineSeparator(), StandardCharsets.UTF_8);
		file.toFile().deleteOnExit();
		return file;
	}

}
