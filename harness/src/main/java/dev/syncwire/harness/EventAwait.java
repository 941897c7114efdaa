package dev.syncwire.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An await for one kind of event, from {@link SyncEvents#await()}: immutable, each option returns
 * a new await (the options are {@link EventMatcher}'s), and a terminal call waits. A terminal call
 * returns what it waited for or throws {@link AssertionError}; it never returns null.
 *
 * <pre>{@code
 * SyncEvent e = events.await().type(MAP_ITEM_REMOVED).object("user-presence").key("user-123")
 *     .data("status", "offline").within(Duration.ofSeconds(2));
 * List<SyncEvent> three = events.await().type("list_item_created").object("activity-feed").count(3).arrives();
 * events.await().type(MAP_ITEM_REMOVED).after(e).absentFor(Duration.ofMillis(500));
 * }</pre>
 */
public final class EventAwait {
  private final SyncEvents events;
  private final EventMatcher matcher;

  EventAwait(SyncEvents events, EventMatcher matcher) {
    this.events = events;
    this.matcher = matcher;
  }

  /** See {@link EventMatcher#type(EventType)}. */
  public EventAwait type(EventType type) {
    return with(matcher.type(type));
  }

  /** See {@link EventMatcher#type(String)}: either dialect's name. */
  public EventAwait type(String typeName) {
    return with(matcher.type(typeName));
  }

  /** See {@link EventMatcher#object(String)}: SID or unique name. */
  public EventAwait object(String sidOrName) {
    return with(matcher.object(sidOrName));
  }

  /** See {@link EventMatcher#key(String)}. */
  public EventAwait key(String itemKey) {
    return with(matcher.key(itemKey));
  }

  /** See {@link EventMatcher#index(long)}. */
  public EventAwait index(long itemIndex) {
    return with(matcher.index(itemIndex));
  }

  /** See {@link EventMatcher#data(String, Object)}: a top-level field or a JSON pointer. */
  public EventAwait data(String field, Object value) {
    return with(matcher.data(field, value));
  }

  /** See {@link EventMatcher#dataMatching(String, Predicate)}. */
  public EventAwait dataMatching(String description, Predicate<JsonNode> predicate) {
    return with(matcher.dataMatching(description, predicate));
  }

  /** See {@link EventMatcher#dataMatching(Predicate)}. */
  public EventAwait dataMatching(Predicate<JsonNode> predicate) {
    return with(matcher.dataMatching(predicate));
  }

  /** See {@link EventMatcher#status}: accepted only unless told otherwise. */
  public EventAwait status(EventStatus first, EventStatus... more) {
    return with(matcher.status(first, more));
  }

  /** See {@link EventMatcher#signature(SignatureVerdict)}. */
  public EventAwait signature(SignatureVerdict verdict) {
    return with(matcher.signature(verdict));
  }

  /** See {@link EventMatcher#where(String, Predicate)}. */
  public EventAwait where(String description, Predicate<SyncEvent> predicate) {
    return with(matcher.where(description, predicate));
  }

  /** See {@link EventMatcher#alias(String)}. */
  public EventAwait alias(String alias) {
    return with(matcher.alias(alias));
  }

  /** See {@link EventMatcher#after(SyncEvent)}: only events recorded after {@code event}. */
  public EventAwait after(SyncEvent event) {
    return with(matcher.after(event));
  }

  /** See {@link EventMatcher#since(Instant)}. */
  public EventAwait since(Instant instant) {
    return with(matcher.since(instant));
  }

  /** What this await looks for, to reuse in {@link SyncEvents#inOrder} or {@link SyncEvents#received}. */
  public EventMatcher matcher() {
    return matcher;
  }

  /**
   * The first matching event (by id) in scope, already recorded or arriving within {@code limit}.
   *
   * @throws AssertionError when none arrives in time (listing what did), or a matching webhook was rejected
   */
  public SyncEvent within(Duration limit) {
    return count(1).within(limit).get(0);
  }

  /** {@link #within} the {@link SyncEvents#defaultTimeout() default time-out}. */
  public SyncEvent arrives() {
    return within(events.defaultTimeout());
  }

  /** An await for the first {@code n} matching events; finish it with {@code within} or {@code arrives}. */
  public CountAwait count(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("count must be 1 or more; received " + n
          + " (to assert that none arrives, use absentFor)");
    }
    return new CountAwait(events, matcher, n);
  }

  /**
   * Asserts that no matching event is in scope now, nor arrives during the whole of {@code window}:
   * returns after the full window, or throws as soon as a match is seen, naming it.
   */
  public void absentFor(Duration window) {
    EventWatch.positive(window, "window");
    long start = events.watch().startId();
    Instant began = events.watch().now();
    Waiter.Outcome outcome = events.watch().run(new Waiter.Absence(start, matcher), List.of(matcher), start, window,
        "Expected no " + matcher.noneDescription());
    if (outcome == null) {
      return;
    }
    if (outcome.error() != null) {
      throw AwaitFailure.threw("Expected no " + matcher.noneDescription() + " for " + AwaitFailure.limit(window),
          outcome.error());
    }
    SyncEvent found = outcome.events().get(0);
    String when = found.receivedAt().isBefore(began)
        ? "it was already recorded (" + AwaitFailure.offset(found, began) + ", before the window began;"
            + " use after(event) or reset() to look only at later events)"
        : "it arrived " + AwaitFailure.offset(found, began) + " into the window";
    throw new AssertionError("Expected no " + matcher.noneDescription() + " for " + AwaitFailure.limit(window)
        + ", but " + found + " matched: " + when + ".\n"
        + events.watch().arrivals(matcher, List.of(matcher), Set.of(found.id()), start, began));
  }

  @Override
  public String toString() {
    return "await " + matcher.description();
  }

  private EventAwait with(EventMatcher next) {
    return new EventAwait(events, next);
  }
}
