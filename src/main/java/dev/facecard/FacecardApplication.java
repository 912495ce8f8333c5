package dev.facecard;

import dev.facecard.shared.config.SpringAot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FacecardApplication {

	public static void main(String[] args) {
		SpringAot.enableFrom(System.getenv());
		SpringApplication.run(FacecardApplication.class, args);
	}

}
