package dev.facecard.admin;

import java.util.ArrayList;
import java.util.List;

import dev.facecard.app.AppScope;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.shared.web.JsonFields;
import dev.facecard.user.StoredUser;
import dev.facecard.user.UserFields;
import dev.facecard.user.UserService;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users: create, read, change (and ban). */
@RestController
class AdminUserController implements AdminApi {

	private static final List<String> CREATE_FIELDS = concat(List.of("appid", "userId"), UserFields.CREATE_FIELDS);

	private final UserService users;

	private final AvatarUrls avatarUrls;

	AdminUserController(UserService users, AvatarUrls avatarUrls) {
		this.users = users;
		this.avatarUrls = avatarUrls;
	}

	@PostMapping("/admin/users")
	@ResponseStatus(HttpStatus.CREATED)
	AdminUserView create(@RequestBody JsonNode body, AppScope scope) {
		JsonFields json = JsonFields.of(body, CREATE_FIELDS);
		return view(this.users.create(json.string("appid"), json.string("userId"), UserFields.read(json), scope));
	}

	@GetMapping("/admin/users/{userId}")
	AdminUserView get(@PathVariable String userId, AppScope scope) {
		return view(this.users.get(userId, scope));
	}

	@PatchMapping("/admin/users/{userId}")
	AdminUserView update(@PathVariable String userId, @RequestBody JsonNode body, AppScope scope) {
		return view(this.users.update(userId, UserFields.read(JsonFields.of(body, UserFields.PATCH_FIELDS)), scope));
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
