package dev.facecard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FacecardApplication {

	public static void main(String[] args) {
		SpringApplication.run(FacecardApplication.class, args);
	}

}
