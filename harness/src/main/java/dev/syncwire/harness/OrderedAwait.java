package dev.syncwire.harness;

import dev.syncwire.fixtures.SyncEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An await for events matching several matchers in order, from {@link SyncEvents#inOrder}: there
 * must be events e1, e2, ... in scope with e1's id below e2's and so on, each matching its step.
 * Other events may come in between. Order is the receiver's (its event ids), which is the order it
 * recorded them.
 *
 * <pre>{@code
 * List<SyncEvent> steps = events.inOrder(
 *     EventMatcher.event(MAP_ITEM_ADDED).key("user-123"),
 *     EventMatcher.event(MAP_ITEM_REMOVED).key("user-123")).within(Duration.ofSeconds(2));
 * }</pre>
 */
public final class OrderedAwait {
  private final SyncEvents events;
  private final List<EventMatcher> steps;

  OrderedAwait(SyncEvents events, List<EventMatcher> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("inOrder needs at least one matcher; received none");
    }
    steps.forEach(s -> Objects.requireNonNull(s, "a matcher given to inOrder is null"));
    this.events = events;
    this.steps = List.copyOf(steps);
  }

  /**
   * One event per step, in order, once all have arrived.
   *
   * @throws AssertionError when the chain is not complete within {@code limit}: which steps were met
   *     by which events, which step is missing, and whether it did arrive but too early
   */
  public List<SyncEvent> within(Duration limit) {
    EventWatch.notNegative(limit, "limit");
    long start = events.watch().startId();
    Instant began = events.watch().now();
    String expected = "Expected in order within " + AwaitFailure.limit(limit) + ": " + numbered();
    Waiter.InOrder waiter = new Waiter.InOrder(start, steps);
    Waiter.Outcome outcome = events.watch().run(waiter, steps, start, limit, expected);
    if (outcome != null && outcome.error() == null && outcome.rejected() == null) {
      return outcome.events();
    }
    if (outcome != null && outcome.error() != null) {
      throw AwaitFailure.threw(expected, outcome.error());
    }
    if (outcome != null) {
      throw new AssertionError(AwaitFailure.rejected(expected + "\nStep " + (outcome.step() + 1) + " ("
          + steps.get(outcome.step()).description() + ")", outcome.rejected(), began));
    }
    List<SyncEvent> chain = waiter.chain();
    int missing = chain.size();
    EventMatcher next = steps.get(missing);
    StringBuilder sb = new StringBuilder("Expected in order within ").append(AwaitFailure.limit(limit)).append(':');
    for (int i = 0; i < steps.size(); i++) {
      sb.append("\n  ").append(i + 1).append(". ").append(steps.get(i).description()).append(" -> ");
      if (i < chain.size()) {
        sb.append(chain.get(i)).append(" (").append(AwaitFailure.offset(chain.get(i), began)).append(')');
      } else if (i == missing) {
        sb.append("MISSING");
        SyncEvent early = earlyMatch(next, chain.isEmpty() ? null : chain.get(missing - 1), start);
        if (early != null) {
          sb.append(": ").append(early).append(" matched it but came before step ").append(missing)
              .append("'s #").append(chain.get(missing - 1).id());
        }
      } else {
        sb.append("not reached");
      }
    }
    sb.append("\nStep ").append(missing + 1).append(" was not met.\n")
        .append(events.watch().arrivals(next, steps, EventWatch.ids(List.of()), start, began));
    throw new AssertionError(sb.toString());
  }

  /** {@link #within} the default time-out. */
  public List<SyncEvent> arrives() {
    return within(events.defaultTimeout());
  }

  @Override
  public String toString() {
    return "await in order: " + numbered();
  }

  /** A match for {@code step} at or before {@code previous}: the step did arrive, out of order. */
  private SyncEvent earlyMatch(EventMatcher step, SyncEvent previous, long start) {
    if (previous == null) {
      return null;
    }
    for (SyncEvent e : events.watch().inScope(List.of(step), start)) {
      if (e.id() < previous.id() && step.matches(e)) {
        return e;
      }
    }
    return null;
  }

  private String numbered() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      sb.append(i == 0 ? "" : ", then ").append(i + 1).append(". ").append(steps.get(i).description());
    }
    return sb.toString();
  }
}
