package dev.facecard.admin;

import java.util.List;

import dev.facecard.app.AppService;
import dev.facecard.shared.web.JsonFields;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AdminAppController implements AdminApi {

	private final AppService apps;

	AdminAppController(AppService apps) {
		this.apps = apps;
	}

	@PlatformOnly
	@PostMapping("/admin/apps")
	@ResponseStatus(HttpStatus.CREATED)
	AppView create(@RequestBody JsonNode body) {
		JsonFields json = JsonFields.of(body, List.of("appid", "name"));
		return AppView.of(this.apps.create(json.string("appid"), json.string("name")));
	}

}
