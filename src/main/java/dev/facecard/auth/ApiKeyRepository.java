package dev.facecard.auth;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ApiKeyRepository extends JpaRepository<ApiKey, String> {

	/**
	 * The owner of a key and whether the key works (not revoked, owner not banned), in
	 * one statement.
	 */
	@Query("""
			select new dev.facecard.auth.ApiKeyOwner(k.userId,
			    case when k.revokedAt is null and u.banned = false then true else false end)
			from ApiKey k, User u
			where u.userId = k.userId and k.tokenHash = :tokenHash""")
	Optional<ApiKeyOwner> findOwner(@Param("tokenHash") String tokenHash);

}
