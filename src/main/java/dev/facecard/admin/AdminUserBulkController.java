package dev.facecard.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.app.AppScope;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users in bulk: NDJSON in and out, streamed both ways (README "Bulk import and export").
 */
@RestController
class AdminUserBulkController implements AdminApi {

	private final UserImports imports;

	private final UserExports exports;

	AdminUserBulkController(UserImports imports, UserExports exports) {
		this.imports = imports;
		this.exports = exports;
	}

	@PostMapping(path = "/admin/users/import", consumes = UserImports.NDJSON)
	void importUsers(HttpServletRequest request, HttpServletResponse response, AppScope scope) throws IOException {
		this.imports.run(request, response, scope);
	}

	@GetMapping("/admin/users/export")
	void exportUsers(@RequestParam(required = false) String appid, @RequestParam(required = false) String avatars,
			HttpServletRequest request, HttpServletResponse response, AppScope scope) throws IOException {
		this.exports.run(appid, avatars, request, response, scope);
	}

}
