package dev.facecard.admin;

import dev.facecard.app.AppListing;
import dev.facecard.app.AppScope;
import dev.facecard.auth.ApiKeyListing;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.leaderboard.Board;
import dev.facecard.leaderboard.LeaderboardListing;
import dev.facecard.leaderboard.RankedUser;
import dev.facecard.shared.data.Page;
import dev.facecard.shared.data.PageRequest;
import dev.facecard.user.StoredUser;
import dev.facecard.user.UserListing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The listings of the admin API, each a keyset page ({@link PageRequest}); every listing
 * is read by the module that owns its data.
 */
@RestController
class AdminListingController implements AdminListingApiDocs {

	private final AppListing apps;

	private final UserListing users;

	private final ApiKeyListing apiKeys;

	private final LeaderboardListing leaderboards;

	private final AvatarUrls avatarUrls;

	AdminListingController(AppListing apps, UserListing users, ApiKeyListing apiKeys, LeaderboardListing leaderboards,
			AvatarUrls avatarUrls) {
		this.apps = apps;
		this.users = users;
		this.apiKeys = apiKeys;
		this.leaderboards = leaderboards;
		this.avatarUrls = avatarUrls;
	}

	@Override
	@GetMapping("/admin/apps")
	public Page<AppView> apps(@RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor, AppScope scope) {
		return this.apps.page(PageRequest.of(limit, cursor), scope).map(AppView::of);
	}

	@Override
	@GetMapping("/admin/users")
	public Page<AdminUserView> users(@RequestParam(required = false) String appid,
			@RequestParam(required = false) String username, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor, AppScope scope) {
		Page<StoredUser> page = this.users.page(appid, username, PageRequest.of(limit, cursor), scope);
		String avatarBase = this.avatarUrls.baseUrl();
		return page.map(user -> AdminUserView.of(user, AvatarUrls.of(avatarBase, user.avatarHash())));
	}

	@Override
	@GetMapping("/admin/users/{userId}/api-keys")
	public Page<ApiKeyView> apiKeys(@PathVariable String userId, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor, AppScope scope) {
		return this.apiKeys.page(userId, PageRequest.of(limit, cursor), scope).map(ApiKeyView::of);
	}

	/** The boards rank every app's users: the platform's alone. */
	@Override
	@PlatformOnly
	@GetMapping("/admin/leaderboards/{board}")
	public Page<RankedUser> leaderboard(@PathVariable String board, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		Board target = AdminLeaderboardController.board(board);
		return this.leaderboards.page(target, PageRequest.of(limit, cursor));
	}

}
