package dev.facecard.admin;

import dev.facecard.app.AppScope;
import dev.facecard.auth.ApiKeyService;
import dev.facecard.auth.ApiKeyService.IssuedApiKey;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys of users: issued (the token shown once) and revoked. */
@RestController
class AdminApiKeyController implements AdminApi {

	private final ApiKeyService apiKeys;

	AdminApiKeyController(ApiKeyService apiKeys) {
		this.apiKeys = apiKeys;
	}

	@PostMapping("/admin/users/{userId}/api-keys")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedApiKey issueApiKey(@PathVariable String userId, AppScope scope) {
		return this.apiKeys.issue(userId, scope);
	}

	@DeleteMapping("/admin/api-keys/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable String id, AppScope scope) {
		this.apiKeys.revoke(id, scope);
	}

}
