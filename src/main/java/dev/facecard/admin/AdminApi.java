package dev.facecard.admin;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What every admin controller is in the OpenAPI document: one tag, the admin token's
 * scheme. The admin gate's own answers (401, 403, 429, 413, 415) are added by
 * {@code OpenApiConfiguration}.
 */
@Tag(name = "Admin", description = "Filling Facecard: apps, users, avatars, follows, API keys, leaderboards")
@SecurityRequirement(name = "adminToken")
interface AdminApi {

}
