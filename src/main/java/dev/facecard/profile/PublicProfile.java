package dev.facecard.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The xiangcao contract's {@code PublicProfile}: the card of a user as a stranger sees
 * it. Components typed {@code string | null} in the contract are always present; the
 * optional ones ({@code ?:}) are left out when null. What goes in is decided by
 * {@link PublicProfileAssembler} alone.
 */
@JsonInclude(Include.NON_NULL)
@Schema(name = "PublicProfile", description = "A user's public profile, always as a stranger sees it.")
public record PublicProfile(
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "User ID.", example = "user_001") String userId,
		@JsonInclude(Include.ALWAYS) @Schema(requiredMode = RequiredMode.REQUIRED, types = {
				"string", "null" }, description = "Nickname; one that contains a link is replaced by a placeholder.",
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
				description = "Last change of anything this card shows, epoch milliseconds.",
				example = "1705000000000") long updatedAt,
		@Schema(minimum = "0", maximum = "30",
				description = "VIP level; omitted when the user opted out of showing patron identity.") Integer vipLevel,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "30",
				description = "Author level.") int authorLevel,
		@Schema(description = "Whether the membership is valid; omitted under the patron opt-out.") Boolean isMember,
		@Schema(description = "true for official accounts; omitted otherwise.") Boolean isOfficial,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Followers.") long followerCount,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Users followed.") long followingCount,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Character cards created.") int cardCount,
		@Schema(minimum = "1", maximum = "15",
				description = "Rank on the author board; omitted when not on it.") Integer topAuthorRank,
		@Schema(minimum = "1", maximum = "15",
				description = "Rank on the VIP board; omitted when not on it or under the patron opt-out.") Integer topVipRank,
		@Schema(description = "Whether the token's user follows this user; "
				+ "only with a valid token, for another user.") Boolean isFollowing,
		@Schema(description = "true when the user hid their social lists; omitted otherwise.") Boolean hideSocialFromPublic){
}
