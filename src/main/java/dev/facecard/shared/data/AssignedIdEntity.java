package dev.facecard.shared.data;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * Base of entities whose id is chosen before insert (user ids, app ids): tells Spring
 * Data that a new object is new, so {@code save} inserts (and a duplicate id fails)
 * instead of silently merging over an existing row.
 */
@MappedSuperclass
public abstract class AssignedIdEntity implements Persistable<String> {

	@Transient
	private boolean isNew = true;

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	@PostLoad
	@PostPersist
	void markNotNew() {
		this.isNew = false;
	}

}
