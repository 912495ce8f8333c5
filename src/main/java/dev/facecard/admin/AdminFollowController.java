package dev.facecard.admin;

import dev.facecard.app.AppScope;
import dev.facecard.user.FollowService;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Follows between users, idempotent; counters stay exact. */
@RestController
class AdminFollowController implements AdminApi {

	private final FollowService follows;

	AdminFollowController(FollowService follows) {
		this.follows = follows;
	}

	@PutMapping("/admin/users/{userId}/following/{targetUserId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void follow(@PathVariable String userId, @PathVariable String targetUserId, AppScope scope) {
		this.follows.follow(userId, targetUserId, scope);
	}

	@DeleteMapping("/admin/users/{userId}/following/{targetUserId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unfollow(@PathVariable String userId, @PathVariable String targetUserId, AppScope scope) {
		this.follows.unfollow(userId, targetUserId, scope);
	}

}
