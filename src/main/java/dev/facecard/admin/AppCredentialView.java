package dev.facecard.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.facecard.app.StoredAppCredential;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A credential as the admin API lists it: never its secret or the secret's hash; times in
 * epoch milliseconds, {@code revokedAt} null while it works.
 */
@JsonInclude(Include.ALWAYS)
public record AppCredentialView(@Schema(requiredMode = RequiredMode.REQUIRED) String id,
		@Schema(requiredMode = RequiredMode.REQUIRED) long createdAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, types = {
				"integer", "null" }) Long revokedAt){

	static AppCredentialView of(StoredAppCredential credential) {
		return new AppCredentialView(credential.id(), credential.createdAt().toEpochMilli(),
				AdminUserView.epochMilli(credential.revokedAt()));
	}

}
