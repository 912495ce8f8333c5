package dev.facecard.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a generated admin token is written (README, Configuration:
 * {@code facecard.admin-token}).
 */
class AdminTokenTest {

	@TempDir
	Path tmpdir;

	@Test
	void theTokenGoesToTmpdirWhenItNamesADirectory() {
		assertThat(AdminToken.tokenDirectory(this.tmpdir.toString())).isEqualTo(this.tmpdir);
	}

	@Test
	void withoutAUsableTmpdirItGoesToJavaIoTmpdir() {
		Path javaTmpdir = Path.of(System.getProperty("java.io.tmpdir"));
		assertThat(AdminToken.tokenDirectory(null)).isEqualTo(javaTmpdir);
		assertThat(AdminToken.tokenDirectory(" ")).isEqualTo(javaTmpdir);
		assertThat(AdminToken.tokenDirectory(this.tmpdir.resolve("missing").toString())).isEqualTo(javaTmpdir);
	}

	@Test
	void theFileIsNamedAfterTheJavaProcessAndOnlyItsOwnerCanReadIt() throws Exception {
		Path file = AdminToken.writeOwnerOnly("fca_secret", this.tmpdir);
		assertThat(file).isEqualTo(this.tmpdir.resolve("facecard-admin-token-" + ProcessHandle.current().pid()));
		assertThat(Files.readString(file).strip()).isEqualTo("fca_secret");
		if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
	}

}
