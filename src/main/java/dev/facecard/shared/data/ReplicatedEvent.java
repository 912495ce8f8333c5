package dev.facecard.shared.data;

/**
 * An event that every instance must see, because its listeners evict cached data:
 * published on one instance, it is relayed to the others by {@link ChangeNotifications}.
 * Implementations are records Jackson can read back.
 */
public interface ReplicatedEvent {

}
