package dev.facecard.avatar;

import dev.facecard.shared.web.error.NotFoundException;

/**
 * No avatar to show: unknown app or user, banned user, user without avatar, or unknown
 * hash.
 */
public class AvatarNotFoundException extends NotFoundException {

	public AvatarNotFoundException() {
		super("No such avatar.");
	}

}
