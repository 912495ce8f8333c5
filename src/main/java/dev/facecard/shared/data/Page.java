package dev.facecard.shared.data;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * One page of a listing: its items in order, and the cursor of the next page (null on the
 * last).
 *
 * @param <T> the items
 */
public record Page<T>(List<T> items, @JsonInclude(Include.ALWAYS) String nextCursor) {

	public Page {
		items = List.copyOf(items);
	}

	public <R> Page<R> map(Function<? super T, ? extends R> view) {
		return new Page<>(this.items.stream().<R>map(view).toList(), this.nextCursor);
	}

}
