package dev.facecard.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import dev.facecard.app.AppScope;
import dev.facecard.avatar.AvatarImage;
import dev.facecard.avatar.AvatarUploads;
import dev.facecard.avatar.AvatarUploads.StoredAvatar;
import dev.facecard.avatar.AvatarUrls;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's avatar: upload (normalised to a clean JPEG) and removal. */
@RestController
class AdminAvatarController implements AdminApi {

	private final AvatarUploads avatars;

	private final AvatarUrls avatarUrls;

	AdminAvatarController(AvatarUploads avatars, AvatarUrls avatarUrls) {
		this.avatars = avatars;
		this.avatarUrls = avatarUrls;
	}

	@PutMapping(path = "/admin/users/{userId}/avatar", consumes = { MediaType.IMAGE_JPEG_VALUE,
			MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_GIF_VALUE, "image/bmp", "image/webp" })
	AvatarUploadView uploadAvatar(@PathVariable String userId, HttpServletRequest request, AppScope scope)
			throws IOException {
		StoredAvatar stored = this.avatars.replace(userId, request.getInputStream(), request.getContentLengthLong(),
				scope);
		return new AvatarUploadView(this.avatarUrls.of(stored.hash()), AvatarImage.etagOf(stored.hash()),
				stored.width(), stored.height());
	}

	@DeleteMapping("/admin/users/{userId}/avatar")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteAvatar(@PathVariable String userId, AppScope scope) {
		this.avatars.remove(userId, scope);
	}

}
