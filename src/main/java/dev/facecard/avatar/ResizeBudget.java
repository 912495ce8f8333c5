package dev.facecard.avatar;

/**
 * What a request pays for a resize its answer needs (a size not cached yet), charged
 * before the resize starts. The controller gives the client's budget
 * ({@code facecard.rate-limit.resizes}); past it, {@link #spend()} throws the 429.
 */
@FunctionalInterface
public interface ResizeBudget {

	void spend();

}
