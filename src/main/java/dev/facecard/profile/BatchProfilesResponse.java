package dev.facecard.profile;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What {@code POST /api/get-public-user-profiles} answers (the endpoint writes it from
 * cached JSON).
 *
 * @param profiles the cards found, in request order
 * @param notFound the ids asked for that are unknown or banned, in request order
 */
@Schema(name = "PublicUserProfiles", requiredProperties = { "profiles", "notFound" })
public record BatchProfilesResponse(@Schema(description = BatchProfilesResponse.PROFILES) List<PublicProfile> profiles,
		@Schema(description = "Requested ids that are unknown or banned, in request order") List<String> notFound) {

	static final String PROFILES = "The cards found, in request order, exactly as the single endpoint gives them";

}
