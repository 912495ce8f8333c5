package dev.facecard.avatar;

/**
 * The nobase seed's error body: {@code {"code":…,"msg":…}}, exactly two fields. One message for every
 * not-found case, so an answer does not tell whether a username exists.
 */
public record AvatarError(int code, String msg) {

	public static final AvatarError INVALID_PARAMETERS = new AvatarError(204, "接口参数错误");

	public static final AvatarError NOT_FOUND = new AvatarError(404, "用户不存在");

	public static final AvatarError UNAUTHORIZED = new AvatarError(401, "令牌无效");

	public static final AvatarError RATE_LIMITED = new AvatarError(429, "请求过于频繁");

	public static final AvatarError UNAVAILABLE = new AvatarError(503, "服务暂不可用");

	public static final AvatarError INTERNAL = new AvatarError(500, "服务器内部错误");

}
