package dev.syncwire.receiver;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.internal.recording.EventStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The events a receiver holds in memory, newest first, bounded by a cap (oldest dropped and
 * counted). Thread-safe; reads never block writers.
 *
 * <pre>{@code
 * List<SyncEvent> removed = receiver.events().query(EventQuery.all().type("map_item_removed"));
 * }</pre>
 */
public final class RecordedEvents {
  private final EventStore store;

  RecordedEvents(EventStore store) {
    this.store = store;
  }

  /**
   * Calls {@code listener} for every event recorded from now on, on the thread that recorded it
   * (keep it short). Close the returned handle to stop.
   */
  public AutoCloseable subscribe(Consumer<SyncEvent> listener) {
    return store.subscribe(listener);
  }

  /** Matching events, newest first, at most {@code query.limit()}. */
  public List<SyncEvent> query(EventQuery query) {
    return store.query(query);
  }

  /** Every event held, oldest first. */
  public List<SyncEvent> all() {
    return store.all();
  }

  public Optional<SyncEvent> get(long id) {
    return store.get(id);
  }

  /** The newest event, if any. */
  public Optional<SyncEvent> latest() {
    return store.latest();
  }

  public int size() {
    return store.size();
  }

  /** How many events were dropped from memory to stay under the cap (they remain in the journal). */
  public long dropped() {
    return store.dropped();
  }

  public int cap() {
    return store.cap();
  }

  /**
   * Forgets every event held in memory, and which deliveries were seen, so sending the same body
   * or idempotency token again is accepted, not a duplicate of an event no longer held. The
   * journal is untouched.
   */
  public void clear() {
    store.clear();
  }

  @Override
  public String toString() {
    return "RecordedEvents[" + size() + " held of " + cap() + "]";
  }
}
