package dev.facecard.app;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.facecard.shared.data.AssignedIdEntity;

/** An app of the platform; usernames are unique within one app. */
@Entity
@Table(name = "apps")
class App extends AssignedIdEntity {

	@Id
	private String appid;

	private String name;

	private Instant createdAt;

	protected App() {
	}

	App(String appid, String name, Instant createdAt) {
		this.appid = appid;
		this.name = name;
		this.createdAt = createdAt;
	}

	@Override
	public String getId() {
		return this.appid;
	}

	public String getAppid() {
		return this.appid;
	}

	public String getName() {
		return this.name;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
