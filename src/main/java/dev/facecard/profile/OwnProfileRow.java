package dev.facecard.profile;

/**
 * What the database holds for a user's own profile: the card's row, and what only its
 * owner sees of the account.
 */
record OwnProfileRow(ProfileRow card, String username, String appid) {
}
