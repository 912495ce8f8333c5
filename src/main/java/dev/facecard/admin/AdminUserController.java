package dev.facecard.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.facecard.auth.ApiKeyService;
import dev.facecard.auth.ApiKeyService.IssuedApiKey;
import dev.facecard.avatar.AvatarImage;
import dev.facecard.avatar.AvatarUploads;
import dev.facecard.avatar.AvatarUploads.StoredAvatar;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.shared.web.JsonFields;
import dev.facecard.user.FollowService;
import dev.facecard.user.StoredUser;
import dev.facecard.user.UserFields;
import dev.facecard.user.UserService;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users and what hangs off them: avatar, follows, API keys. */
@RestController
@Tag(name = "Admin", description = "Filling Facecard: apps, users, avatars, follows, API keys, leaderboards")
@SecurityRequirement(name = "adminToken")
class AdminUserController {

	private static final List<String> CREATE_FIELDS = concat(List.of("appid", "userId"), UserFields.CREATE_FIELDS);

	private final UserService users;

	private final AvatarUploads avatars;

	private final FollowService follows;

	private final ApiKeyService apiKeys;

	private final AvatarUrls avatarUrls;

	AdminUserController(UserService users, AvatarUploads avatars, FollowService follows, ApiKeyService apiKeys,
			AvatarUrls avatarUrls) {
		this.users = users;
		this.avatars = avatars;
		this.follows = follows;
		this.apiKeys = apiKeys;
		this.avatarUrls = avatarUrls;
	}

	@PostMapping("/admin/users")
	@ResponseStatus(HttpStatus.CREATED)
	AdminUserView create(@RequestBody JsonNode body) {
		JsonFields json = JsonFields.of(body, CREATE_FIELDS);
		return view(this.users.create(json.string("appid"), json.string("userId"), UserFields.read(json)));
	}

	@GetMapping("/admin/users/{userId}")
	AdminUserView get(@PathVariable String userId) {
		return view(this.users.get(userId));
	}

	@PatchMapping("/admin/users/{userId}")
	AdminUserView update(@PathVariable String userId, @RequestBody JsonNode body) {
		return view(this.users.update(userId, UserFields.read(JsonFields.of(body, UserFields.PATCH_FIELDS))));
	}

	@PutMapping(path = "/admin/users/{userId}/avatar", consumes = { MediaType.IMAGE_JPEG_VALUE,
			MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_GIF_VALUE, "image/bmp", "image/webp" })
	AvatarUploadView uploadAvatar(@PathVariable String userId, HttpServletRequest request) throws IOException {
		StoredAvatar stored = this.avatars.replace(userId, request.getInputStream(), request.getContentLengthLong());
		return new AvatarUploadView(this.avatarUrls.of(stored.hash()), AvatarImage.etagOf(stored.hash()), stored.width(),
				stored.height());
	}

	@DeleteMapping("/admin/users/{userId}/avatar")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteAvatar(@PathVariable String userId) {
		this.avatars.remove(userId);
	}

	@PutMapping("/admin/users/{userId}/following/{targetUserId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void follow(@PathVariable String userId, @PathVariable String targetUserId) {
		this.follows.follow(userId, targetUserId);
	}

	@DeleteMapping("/admin/users/{userId}/following/{targetUserId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unfollow(@PathVariable String userId, @PathVariable String targetUserId) {
		this.follows.unfollow(userId, targetUserId);
	}

	@PostMapping("/admin/users/{userId}/api-keys")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedApiKey issueApiKey(@PathVariable String userId) {
		return this.apiKeys.issue(userId);
	}

	private AdminUserView view(StoredUser user) {
		return AdminUserView.of(user, this.avatarUrls.of(user.avatarHash()));
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return List.copyOf(all);
	}

}
