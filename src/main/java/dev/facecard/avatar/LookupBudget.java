package dev.facecard.avatar;

/**
 * What a request pays for a lookup that may read the database (its name or hash not
 * cached), charged before the statement. The controller gives the client's avatar-miss
 * budget ({@code facecard.rate-limit.avatar-misses}), given back once an avatar is found;
 * past it, {@link #spend()} throws the 429. A lookup answered from the cache pays
 * nothing.
 */
@FunctionalInterface
public interface LookupBudget {

	void spend();

}
