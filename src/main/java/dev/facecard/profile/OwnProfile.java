package dev.facecard.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A user's own profile, as its owner sees it: everything of the public card without the
 * stranger's filters (the nickname as stored, the patron fields whatever the opt-out),
 * plus the account's own settings. Only the board ranks are left out, when the user is
 * not on a board. What goes in is decided by {@link OwnProfileAssembler} alone.
 */
@JsonInclude(Include.NON_NULL)
@Schema(name = "UserProfile", description = "The caller's own profile, as its owner sees it.")
public record OwnProfile(
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "User ID.", example = "user_001") String userId,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Username within the app.",
				example = "xiangcao") String username,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "The user's app.", example = "demo") String appid,
		@JsonInclude(Include.ALWAYS) @Schema(requiredMode = RequiredMode.REQUIRED, types = {
				"string", "null" }, description = "Nickname as stored, links included.",
				example = "香草作者") String nickname,
		@JsonInclude(Include.ALWAYS) @Schema(requiredMode = RequiredMode.REQUIRED, types = { "string", "null" },
				description = "Absolute URL of the avatar (content-addressed JPEG).") String avatarUrl,
		@JsonInclude(Include.ALWAYS) @Schema(requiredMode = RequiredMode.REQUIRED, types = { "string", "null" },
				description = "Profile background image URL.") String profileBgUrl,
		@JsonInclude(Include.ALWAYS) @Schema(requiredMode = RequiredMode.REQUIRED, types = { "string", "null" },
				description = "Bio.", example = "喜欢写角色卡") String bio,
		@JsonInclude(Include.ALWAYS) @Schema(requiredMode = RequiredMode.REQUIRED, types = { "string", "null" },
				description = "Status sticker URL.") String statusStickerUrl,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Registration time, epoch milliseconds.",
				example = "1700000000000") long createdAt,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Last change of anything the public card shows, epoch milliseconds.",
				example = "1705000000000") long updatedAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "30",
				description = "VIP level, also under the patron opt-out.") int vipLevel,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "30",
				description = "Author level.") int authorLevel,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Whether the membership is valid now, also under the patron opt-out.") boolean isMember,
		@JsonInclude(Include.ALWAYS) @Schema(requiredMode = RequiredMode.REQUIRED, types = { "integer", "null" },
				format = "int64", description = "End of the membership, epoch milliseconds; null without one.",
				example = "4102444800000") Long memberUntil,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Whether this is an official account.") boolean isOfficial,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Followers.") long followerCount,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Users followed.") long followingCount,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Character cards created.") int cardCount,
		@Schema(minimum = "1", maximum = "15",
				description = "Rank on the author board; omitted when not on it.") Integer topAuthorRank,
		@Schema(minimum = "1", maximum = "15",
				description = "Rank on the VIP board, also under the patron opt-out; omitted when not on it.") Integer topVipRank,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Whether strangers' cards leave out vipLevel, isMember and topVipRank.") boolean hidePatronIdentity,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Whether the social lists are hidden from strangers.") boolean hideSocialFromPublic){
}
