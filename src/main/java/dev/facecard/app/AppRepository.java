package dev.facecard.app;

import org.springframework.data.jpa.repository.JpaRepository;

interface AppRepository extends JpaRepository<App, String> {

}
