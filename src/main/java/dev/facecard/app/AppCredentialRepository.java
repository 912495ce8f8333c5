package dev.facecard.app;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AppCredentialRepository extends JpaRepository<AppCredential, String> {

	/** The app of a credential and whether it works (not revoked), in one statement. */
	@Query("""
			select new dev.facecard.app.AppCredentialOwner(c.appid,
			    case when c.revokedAt is null then true else false end)
			from AppCredential c where c.tokenHash = :tokenHash""")
	Optional<AppCredentialOwner> findOwner(@Param("tokenHash") String tokenHash);

	List<AppCredential> findByAppidOrderByCreatedAtAscIdAsc(String appid);

}
