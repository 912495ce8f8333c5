package dev.facecard.user;

import java.time.Instant;
import java.util.List;

/**
 * A user of an app, as read from or written to the {@code users} table by
 * {@link UserRepository}. An update writes only the columns that changed since the row
 * was read, so concurrent admin writes to different fields do not undo each other; the
 * follow counters are never written from here at all, only by
 * {@link UserRepository#addToFollowingCount} and
 * {@link UserRepository#addToFollowerCount}.
 */
class User {

	private final String userId;

	private final String appid;

	private String username;

	private String nickname;

	private String bio;

	private String profileBgUrl;

	private String statusStickerUrl;

	private String avatarHash;

	private Instant avatarUpdatedAt;

	private int vipLevel;

	private int authorLevel;

	private Instant memberUntil;

	private boolean official;

	private boolean banned;

	private boolean hidePatronIdentity;

	private boolean hideSocialFromPublic;

	private int cardCount;

	private long followerCount;

	private long followingCount;

	private final Instant createdAt;

	private Instant updatedAt;

	/**
	 * The written columns' values as last read or written ({@link UserRepository}); null
	 * for a user not stored yet.
	 */
	private List<Object> stored;

	User(String userId, String appid, String username, Instant createdAt) {
		this(userId, appid, username, createdAt, createdAt);
	}

	/** A new user registered at {@code createdAt} (an imported one) but written now. */
	User(String userId, String appid, String username, Instant createdAt, Instant updatedAt) {
		this.userId = userId;
		this.appid = appid;
		this.username = username;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
	}

	/** Applies the fields present in {@code fields}; absent ones stay as they are. */
	void apply(UserFields fields, Instant now) {
		if (fields.username() != null) {
			this.username = fields.username();
		}
		if (fields.nickname() != null) {
			this.nickname = fields.nickname().orElse(null);
		}
		if (fields.bio() != null) {
			this.bio = fields.bio().orElse(null);
		}
		if (fields.profileBgUrl() != null) {
			this.profileBgUrl = fields.profileBgUrl().orElse(null);
		}
		if (fields.statusStickerUrl() != null) {
			this.statusStickerUrl = fields.statusStickerUrl().orElse(null);
		}
		if (fields.vipLevel() != null) {
			this.vipLevel = fields.vipLevel();
		}
		if (fields.authorLevel() != null) {
			this.authorLevel = fields.authorLevel();
		}
		if (fields.memberUntil() != null) {
			this.memberUntil = fields.memberUntil().orElse(null);
		}
		if (fields.official() != null) {
			this.official = fields.official();
		}
		if (fields.banned() != null) {
			this.banned = fields.banned();
		}
		if (fields.hidePatronIdentity() != null) {
			this.hidePatronIdentity = fields.hidePatronIdentity();
		}
		if (fields.hideSocialFromPublic() != null) {
			this.hideSocialFromPublic = fields.hideSocialFromPublic();
		}
		if (fields.cardCount() != null) {
			this.cardCount = fields.cardCount();
		}
		this.updatedAt = now;
	}

	/**
	 * Applies the fields present in {@code fields} and tells whether anything differs;
	 * {@code updatedAt} moves only then, so an unchanged user is not written.
	 */
	boolean applyIfChanged(UserFields fields, Instant now) {
		StoredUser before = StoredUser.of(this);
		apply(fields, this.updatedAt);
		if (StoredUser.of(this).equals(before)) {
			return false;
		}
		this.updatedAt = now;
		return true;
	}

	/** Sets ({@code hash} not null) or removes the avatar. */
	void setAvatar(String hash, Instant now) {
		this.avatarHash = hash;
		this.avatarUpdatedAt = (hash != null) ? now : null;
		this.updatedAt = now;
	}

	/** A user as stored: every column of its row. */
	static User stored(String userId, String appid, String username, Instant createdAt, Instant updatedAt,
			Fields fields) {
		User user = new User(userId, appid, username, createdAt);
		user.updatedAt = updatedAt;
		user.nickname = fields.nickname();
		user.bio = fields.bio();
		user.profileBgUrl = fields.profileBgUrl();
		user.statusStickerUrl = fields.statusStickerUrl();
		user.avatarHash = fields.avatarHash();
		user.avatarUpdatedAt = fields.avatarUpdatedAt();
		user.vipLevel = fields.vipLevel();
		user.authorLevel = fields.authorLevel();
		user.memberUntil = fields.memberUntil();
		user.official = fields.official();
		user.banned = fields.banned();
		user.hidePatronIdentity = fields.hidePatronIdentity();
		user.hideSocialFromPublic = fields.hideSocialFromPublic();
		user.cardCount = fields.cardCount();
		user.followerCount = fields.followerCount();
		user.followingCount = fields.followingCount();
		return user;
	}

	/** The columns of a stored user besides its ids and times. */
	record Fields(String nickname, String bio, String profileBgUrl, String statusStickerUrl, String avatarHash,
			Instant avatarUpdatedAt, int vipLevel, int authorLevel, Instant memberUntil, boolean official,
			boolean banned, boolean hidePatronIdentity, boolean hideSocialFromPublic, int cardCount, long followerCount,
			long followingCount) {
	}

	List<Object> storedValues() {
		return this.stored;
	}

	void storedValues(List<Object> values) {
		this.stored = values;
	}

	public String getUserId() {
		return this.userId;
	}

	public String getAppid() {
		return this.appid;
	}

	public String getUsername() {
		return this.username;
	}

	public String getNickname() {
		return this.nickname;
	}

	public String getBio() {
		return this.bio;
	}

	public String getProfileBgUrl() {
		return this.profileBgUrl;
	}

	public String getStatusStickerUrl() {
		return this.statusStickerUrl;
	}

	public String getAvatarHash() {
		return this.avatarHash;
	}

	Instant getAvatarUpdatedAt() {
		return this.avatarUpdatedAt;
	}

	public int getVipLevel() {
		return this.vipLevel;
	}

	public int getAuthorLevel() {
		return this.authorLevel;
	}

	public Instant getMemberUntil() {
		return this.memberUntil;
	}

	public boolean isOfficial() {
		return this.official;
	}

	public boolean isBanned() {
		return this.banned;
	}

	public boolean isHidePatronIdentity() {
		return this.hidePatronIdentity;
	}

	public boolean isHideSocialFromPublic() {
		return this.hideSocialFromPublic;
	}

	public int getCardCount() {
		return this.cardCount;
	}

	public long getFollowerCount() {
		return this.followerCount;
	}

	public long getFollowingCount() {
		return this.followingCount;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
