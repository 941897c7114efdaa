package dev.syncwire.harness;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on what is recorded now (they do not wait; use {@link SyncEvents#await()} for
 * that). They look at the events in the {@link SyncEvents}' scope, and a failure lists them as an
 * await's does, closest match first. AssertJ is an optional dependency of syncwire-harness: add
 * {@code assertj-core} to your test dependencies to use this class.
 *
 * <pre>{@code
 * import static dev.syncwire.harness.SyncEventsAssert.assertThat;
 *
 * assertThat(events).hasEventMatching(EventMatcher.event(MAP_ITEM_REMOVED).key("user-123"))
 *     .containsTypes("map_item_created", "map_item_removed")
 *     .hasNoEventMatching(EventMatcher.event(DOCUMENT_REMOVED));
 * }</pre>
 */
public final class SyncEventsAssert extends AbstractAssert<SyncEventsAssert, SyncEvents> {
  private SyncEventsAssert(SyncEvents actual) {
    super(actual, SyncEventsAssert.class);
  }

  public static SyncEventsAssert assertThat(SyncEvents events) {
    return new SyncEventsAssert(events);
  }

  /** At least one event in scope matches {@code matcher}. */
  public SyncEventsAssert hasEventMatching(EventMatcher matcher) {
    isNotNull();
    List<SyncEvent> matched = matching(matcher);
    if (matched.isEmpty()) {
      failWithMessage("%s", "Expected " + matcher.description() + " to have been recorded, but none was.\n"
          + listing(matcher, matched));
    }
    return this;
  }

  /** No event in scope matches {@code matcher}. */
  public SyncEventsAssert hasNoEventMatching(EventMatcher matcher) {
    isNotNull();
    List<SyncEvent> matched = matching(matcher);
    if (!matched.isEmpty()) {
      failWithMessage("%s", "Expected no " + matcher.noneDescription() + " to have been recorded, but "
          + matched.size() + (matched.size() == 1 ? " was: " : " were: ") + ids(matched) + ".\n"
          + listing(matcher, matched));
    }
    return this;
  }

  /** Exactly {@code count} events in scope match {@code matcher}. */
  public SyncEventsAssert hasEventsMatching(EventMatcher matcher, int count) {
    isNotNull();
    List<SyncEvent> matched = matching(matcher);
    if (matched.size() != count) {
      failWithMessage("%s", "Expected " + count + " events matching " + matcher.description() + " to have been"
          + " recorded, but " + matched.size() + (matched.size() == 1 ? " was" : " were")
          + (matched.isEmpty() ? "" : ": " + ids(matched)) + ".\n" + listing(matcher, matched));
    }
    return this;
  }

  /**
   * Accepted events of each of these types (either dialect's names or {@link EventType} constants)
   * are in scope, in any order.
   */
  public SyncEventsAssert containsTypes(Object... types) {
    isNotNull();
    List<EventType> wanted = Arrays.stream(types).map(SyncEventsAssert::toType).collect(Collectors.toList());
    Set<EventType> present = actual.recorded().stream().filter(SyncEvent::accepted).map(SyncEvent::canonicalType)
        .collect(Collectors.toSet());
    List<EventType> missing = new ArrayList<>(wanted);
    missing.removeAll(present);
    if (!missing.isEmpty()) {
      failWithMessage("%s", "Expected accepted events of types " + wanted + " (either dialect), but none of "
          + missing + " was recorded; the accepted types in scope are " + present + ".\n"
          + listing(EventMatcher.event(missing.get(0)), List.of()));
    }
    return this;
  }

  /** AssertJ list assertions on the events in scope, oldest first. */
  public ListAssert<SyncEvent> recorded() {
    isNotNull();
    return new ListAssert<>(actual.recorded());
  }

  private List<SyncEvent> matching(EventMatcher matcher) {
    return actual.watch().inScope(List.of(matcher), actual.watch().startId()).stream().filter(matcher::matches)
        .collect(Collectors.toList());
  }

  private String listing(EventMatcher matcher, List<SyncEvent> matched) {
    Instant now = actual.watch().now();
    return actual.watch().arrivals(matcher, List.of(matcher), EventWatch.ids(matched), actual.watch().startId(), now);
  }

  private static String ids(List<SyncEvent> events) {
    return events.stream().map(SyncEvent::toString).collect(Collectors.joining(", "));
  }

  private static EventType toType(Object type) {
    if (type instanceof EventType t) {
      return t;
    }
    if (type instanceof String s) {
      return EventMatcher.typeNamed(s);
    }
    throw new IllegalArgumentException("containsTypes takes EventType constants or type names; received " + type);
  }
}
