package dev.facecard.admin;

import dev.facecard.auth.ApiKeyService;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin", description = "Filling Facecard: apps, users, avatars, follows, API keys, leaderboards")
@SecurityRequirement(name = "adminToken")
class AdminApiKeyController {

	private final ApiKeyService apiKeys;

	AdminApiKeyController(ApiKeyService apiKeys) {
		this.apiKeys = apiKeys;
	}

	@DeleteMapping("/admin/api-keys/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable String id) {
		this.apiKeys.revoke(id);
	}

}
