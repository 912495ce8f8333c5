package dev.facecard.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.facecard.shared.data.AssignedIdEntity;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A user of an app. Updates write only the changed columns ({@link DynamicUpdate}), so
 * concurrent admin writes to different fields do not undo each other; the follow counters
 * are never written through the entity at all, only by
 * {@link UserRepository#addToFollowingCount} and
 * {@link UserRepository#addToFollowerCount}.
 */
@Entity
@Table(name = "users")
@DynamicUpdate
class User extends AssignedIdEntity {

	@Id
	private String userId;

	private String appid;

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

	@Column(insertable = false, updatable = false)
	private long followerCount;

	@Column(insertable = false, updatable = false)
	private long followingCount;

	private Instant createdAt;

	private Instant updatedAt;

	protected User() {
	}

	User(String userId, String appid, String username, Instant createdAt) {
		this.userId = userId;
		this.appid = appid;
		this.username = username;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
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
	public void setAvatar(String hash, Instant now) {
		this.avatarHash = hash;
		this.avatarUpdatedAt = (hash != null) ? now : null;
		this.updatedAt = now;
	}

	@Override
	public String getId() {
		return this.userId;
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
