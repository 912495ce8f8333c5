package dev.facecard.avatar;

/**
 * The small renditions of a stored avatar (table {@code avatar_renditions}), made once
 * when the avatar was stored. Immutable once stored; removed with their avatar.
 */
final class AvatarRendition {

	/**
	 * The sides of the renditions made of every avatar larger than them, largest first.
	 */
	static final int[] SIDES = { 256, 64 };

	private AvatarRendition() {
	}

}
