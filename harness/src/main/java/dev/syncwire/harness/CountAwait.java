package dev.syncwire.harness;

import dev.syncwire.fixtures.SyncEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An await for the first {@code n} events matching one matcher, from {@link EventAwait#count(int)}.
 * At least {@code n} must be in scope; the first {@code n} by id are returned, oldest first. To
 * assert "exactly n", follow with {@code absentFor} after the last one.
 *
 * <pre>{@code
 * List<SyncEvent> added = events.await().type("list_item_added").object("activity-feed").count(3).within(Duration.ofSeconds(2));
 * events.await().type("list_item_added").object("activity-feed").after(added.get(2)).absentFor(Duration.ofMillis(300));
 * }</pre>
 */
public final class CountAwait {
  private final SyncEvents events;
  private final EventMatcher matcher;
  private final int count;

  CountAwait(SyncEvents events, EventMatcher matcher, int count) {
    this.events = events;
    this.matcher = matcher;
    this.count = count;
  }

  /**
   * The first {@code n} matching events, oldest first, once that many are in scope.
   *
   * @throws AssertionError when fewer arrive within {@code limit} (listing what did), or a matching webhook was rejected
   */
  public List<SyncEvent> within(Duration limit) {
    EventWatch.notNegative(limit, "limit");
    long start = events.watch().startId();
    Instant began = events.watch().now();
    String expected = "Expected " + (count == 1 ? "" : count + " events matching ") + matcher.description()
        + " within " + AwaitFailure.limit(limit);
    Waiter.FirstN waiter = new Waiter.FirstN(start, matcher, count);
    Waiter.Outcome outcome = events.watch().run(waiter, List.of(matcher), start, limit, expected);
    if (outcome != null && outcome.error() == null && outcome.rejected() == null) {
      return outcome.events();
    }
    if (outcome != null && outcome.error() != null) {
      throw AwaitFailure.threw(expected, outcome.error());
    }
    if (outcome != null) {
      throw new AssertionError(AwaitFailure.rejected(expected, outcome.rejected(), began));
    }
    List<SyncEvent> matched = waiter.matchedSoFar();
    String got = count == 1 ? "none arrived"
        : matched.isEmpty() ? "none arrived"
        : "only " + matched.size() + " arrived (" + matched.stream().map(e -> "#" + e.id())
            .collect(Collectors.joining(", ")) + ")";
    throw new AssertionError(expected + ", but " + got + ".\n"
        + events.watch().arrivals(matcher, List.of(matcher), EventWatch.ids(matched), start, began));
  }

  /** {@link #within} the default time-out. */
  public List<SyncEvent> arrives() {
    return within(events.defaultTimeout());
  }

  @Override
  public String toString() {
    return "await " + count + " × " + matcher.description();
  }
}
