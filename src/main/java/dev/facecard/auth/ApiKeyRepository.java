package dev.facecard.auth;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiKeyRepository extends JpaRepository<ApiKey, String> {

	Optional<ApiKey> findByTokenHash(String tokenHash);

}
