package dev.syncwire.receiver.internal.recording;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.RecordedEvents;
import dev.syncwire.receiver.internal.forward.Forward;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The store: the events a receiver holds in memory, by id, bounded by a cap (oldest dropped and
 * counted). The recorder adds to it; users read it through {@link RecordedEvents}. Thread-safe;
 * reads never block writers.
 */
public final class EventStore {
  private final ConcurrentSkipListMap<Long, SyncEvent> byId = new ConcurrentSkipListMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final List<Consumer<SyncEvent>> listeners = new CopyOnWriteArrayList<>();
  /** Forward attempts of the events held, oldest first; only events that had one have an entry. */
  private final Map<Long, List<Forward>> forwards = new ConcurrentHashMap<>();
  private final List<BiConsumer<SyncEvent, Forward>> forwardListeners = new CopyOnWriteArrayList<>();
  private final int cap;
  private final Runnable forgetRedeliveries;

  /** @param forgetRedeliveries run by {@link #clear()}, so a cleared event's redelivery is accepted again */
  public EventStore(int cap, Runnable forgetRedeliveries) {
    if (cap < 1) {
      throw new IllegalArgumentException("the in-memory cap must be 1 or more events; received " + cap);
    }
    this.cap = cap;
    this.forgetRedeliveries = forgetRedeliveries;
  }

  /** Adds an event, drops the oldest over the cap, then tells every listener. */
  public void add(SyncEvent event) {
    if (byId.put(event.id(), event) == null && size.incrementAndGet() > cap) {
      Map.Entry<Long, SyncEvent> oldest = byId.pollFirstEntry();
      if (oldest != null) {
        forwards.remove(oldest.getKey());
        size.decrementAndGet();
        dropped.incrementAndGet();
      }
    }
    for (Consumer<SyncEvent> listener : listeners) {
      listener.accept(event);
    }
  }

  /** Adds events read back from the journal, without telling listeners. */
  public void restore(SyncEvent event) {
    if (byId.put(event.id(), event) == null && size.incrementAndGet() > cap) {
      Map.Entry<Long, SyncEvent> oldest = byId.pollFirstEntry();
      if (oldest != null) {
        forwards.remove(oldest.getKey());
        size.decrementAndGet();
        dropped.incrementAndGet();
      }
    }
  }

  /**
   * Adds a forward attempt to {@code event} (kept while the event is held), then tells every
   * forward listener, on this thread.
   */
  public void addForward(SyncEvent event, Forward forward) {
    restoreForward(event.id(), forward);
    for (BiConsumer<SyncEvent, Forward> listener : forwardListeners) {
      listener.accept(event, forward);
    }
  }

  /** Adds a forward attempt read back from the journal, without telling listeners; none if the event is not held. */
  public void restoreForward(long eventId, Forward forward) {
    forwards.compute(eventId, (id, list) -> {
      if (!byId.containsKey(id)) {
        return list; // dropped or cleared meanwhile: nothing to attach it to
      }
      List<Forward> more = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
      more.add(forward);
      return List.copyOf(more);
    });
  }

  /** The forward attempts of event {@code id}, oldest first; empty when it had none. */
  public List<Forward> forwards(long id) {
    return forwards.getOrDefault(id, List.of());
  }

  /** Calls {@code listener} with every forward attempt added from now on (keep it short). Close the handle to stop. */
  public AutoCloseable subscribeForwards(BiConsumer<SyncEvent, Forward> listener) {
    forwardListeners.add(listener);
    return () -> forwardListeners.remove(listener);
  }

  /** Counts journal lines too old to fit under the cap, which a restart did not load. */
  public void droppedWhileRestoring(long lines) {
    dropped.addAndGet(lines);
  }

  /**
   * Calls {@code listener} for every event recorded from now on, on the thread that recorded it
   * (keep it short). Close the returned handle to stop.
   */
  public AutoCloseable subscribe(Consumer<SyncEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Matching events, newest first, at most {@code query.limit()}. */
  public List<SyncEvent> query(EventQuery query) {
    ConcurrentNavigableMap<Long, SyncEvent> view = query.afterId() == null
        ? byId.descendingMap()
        : byId.tailMap(query.afterId(), false).descendingMap();
    List<SyncEvent> out = new ArrayList<>(Math.min(query.limit(), 64));
    for (SyncEvent event : view.values()) {
      if (query.since() != null && event.receivedAt().isBefore(query.since())) {
        break; // newest first: everything older fails too
      }
      if (query.matches(event)) {
        out.add(event);
        if (out.size() >= query.limit()) {
          break;
        }
      }
    }
    return out;
  }

  /** Every event held, oldest first. */
  public List<SyncEvent> all() {
    return new ArrayList<>(byId.values());
  }

  public Optional<SyncEvent> get(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The newest event, if any. */
  public Optional<SyncEvent> latest() {
    Map.Entry<Long, SyncEvent> last = byId.lastEntry();
    return last == null ? Optional.empty() : Optional.of(last.getValue());
  }

  public int size() {
    return size.get();
  }

  /** How many events were dropped from memory to stay under the cap (they remain in the journal). */
  public long dropped() {
    return dropped.get();
  }

  public int cap() {
    return cap;
  }

  /**
   * Forgets every event held in memory, and which deliveries were seen, so sending the same body
   * or idempotency token again is accepted, not a duplicate of an event no longer held. The
   * journal is untouched.
   */
  public void clear() {
    byId.clear();
    forwards.clear();
    size.set(0);
    // After the events: a delivery recorded in between is at worst accepted twice, never a
    // duplicate of an event that is gone.
    forgetRedeliveries.run();
  }
}
