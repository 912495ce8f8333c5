package dev.facecard.auth;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ApiKeyRepository extends JpaRepository<ApiKey, String> {

	Optional<ApiKey> findByTokenHash(String tokenHash);

	/** The owner of a key that is not revoked and whose owner is not banned, in one statement. */
	@Query("""
			select k.userId from ApiKey k, User u
			where u.userId = k.userId and k.tokenHash = :tokenHash and k.revokedAt is null and u.banned = false""")
	Optional<String> findActiveOwner(@Param("tokenHash") String tokenHash);

}
