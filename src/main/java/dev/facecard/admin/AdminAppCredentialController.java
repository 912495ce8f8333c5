package dev.facecard.admin;

import java.util.List;

import dev.facecard.app.AppCredentialService;
import dev.facecard.app.AppCredentialService.IssuedAppCredential;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credentials of apps: issued (the secret shown once), listed, revoked. The platform's to
 * manage: an app credential cannot mint or list credentials, not even of its own app.
 */
@RestController
@PlatformOnly
class AdminAppCredentialController implements AdminApi {

	private final AppCredentialService credentials;

	AdminAppCredentialController(AppCredentialService credentials) {
		this.credentials = credentials;
	}

	/** The secret exists in this answer only: no cache may keep it. */
	@PostMapping("/admin/apps/{appid}/credentials")
	ResponseEntity<IssuedAppCredential> issue(@PathVariable String appid) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(this.credentials.issue(appid));
	}

	@GetMapping("/admin/apps/{appid}/credentials")
	AppCredentialsView list(@PathVariable String appid) {
		return new AppCredentialsView(this.credentials.list(appid).stream().map(AppCredentialView::of).toList());
	}

	@DeleteMapping("/admin/apps/{appid}/credentials/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable String appid, @PathVariable String id) {
		this.credentials.revoke(appid, id);
	}

	/** An app's credentials, oldest first. */
	public record AppCredentialsView(List<AppCredentialView> items) {
	}

}
