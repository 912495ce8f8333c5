package dev.facecard.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.app.AppScope;
import dev.facecard.avatar.AvatarUploads;
import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;
import dev.facecard.shared.web.StreamingRequests;
import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.user.StoredUser;
import dev.facecard.user.UserListing;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code GET /admin/users/export}: every user of an app as NDJSON lines of the import's
 * format ({@link UserImports}), oldest first, read a keyset page at a time
 * ({@link UserListing}), so memory stays bounded whatever the app's size. Only what the
 * import writes: no counters, times or URLs, never a key or credential; the avatar's
 * bytes only when asked for.
 */
@Component
class UserExports {

	/** Users per page; fewer with avatars, each up to a stored image. */
	private static final String PAGE = String.valueOf(PageRequest.MAX_LIMIT);

	private static final String PAGE_WITH_AVATARS = "50";

	private final UserListing users;

	private final AvatarUploads avatars;

	private final JsonMapper json;

	private final StreamingRequests streaming;

	UserExports(UserListing users, AvatarUploads avatars, JsonMapper json, StreamingRequests streaming) {
		this.users = users;
		this.avatars = avatars;
		this.json = json;
		this.streaming = streaming;
	}

	void run(String appid, String avatarsParameter, HttpServletRequest request, HttpServletResponse response,
			AppScope scope) throws IOException {
		boolean withAvatars = withAvatars(avatarsParameter);
		String limit = withAvatars ? PAGE_WITH_AVATARS : PAGE;
		// the first page before the answer starts: an unknown app is still a 404
		Page<StoredUser> page = this.users.page(appid, null, PageRequest.of(limit, null), scope);
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(UserImports.NDJSON);
		OutputStream out = response.getOutputStream();
		while (true) {
			for (StoredUser user : page.items()) {
				out.write(this.json.writeValueAsBytes(line(user, withAvatars)));
				out.write('\n');
			}
			out.flush();
			this.streaming.progressed(request);
			if (page.nextCursor() == null) {
				return;
			}
			page = this.users.page(appid, null, PageRequest.of(limit, page.nextCursor()), scope);
		}
	}

	private static boolean withAvatars(String parameter) {
		if (parameter == null || parameter.equals("false")) {
			return false;
		}
		if (parameter.equals("true")) {
			return true;
		}
		throw new InvalidRequestException("'avatars' must be true or false.");
	}

	/**
	 * The user as a line of the import: every field it writes, nulls included, and its
	 * registration time (which the import gives a user it creates).
	 */
	private Map<String, Object> line(StoredUser user, boolean withAvatar) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("appid", user.appid());
		line.put("userId", user.userId());
		line.put("username", user.username());
		line.put("createdAt", user.createdAt().toEpochMilli());
		line.put("nickname", user.nickname());
		line.put("bio", user.bio());
		line.put("profileBgUrl", user.profileBgUrl());
		line.put("statusStickerUrl", user.statusStickerUrl());
		line.put("vipLevel", user.vipLevel());
		line.put("authorLevel", user.authorLevel());
		line.put("memberUntil", AdminUserView.epochMilli(user.memberUntil()));
		line.put("official", user.official());
		line.put("banned", user.banned());
		line.put("hidePatronIdentity", user.hidePatronIdentity());
		line.put("hideSocialFromPublic", user.hideSocialFromPublic());
		line.put("cardCount", user.cardCount());
		if (withAvatar) {
			line.put("avatar",
					(user.avatarHash() != null)
							? this.avatars.jpeg(user.avatarHash()).map(Base64.getEncoder()::encodeToString).orElse(null)
							: null);
		}
		return line;
	}

}
