package dev.syncwire.harness;

import dev.syncwire.fixtures.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One pending await. The receiver's listener and the registration scan both {@link #offer} events
 * (an event may come both ways: everything is keyed by id); the awaiting thread blocks on
 * {@link #outcome()}. Offers are serialised on the waiter, so a subclass sees one event at a time.
 */
abstract class Waiter {
  /** How an await ended early: the events it wanted, a rejected near-match, or a criterion that threw. */
  record Outcome(List<SyncEvent> events, SyncEvent rejected, int step, RuntimeException error) {
    static Outcome found(List<SyncEvent> events) {
      return new Outcome(List.copyOf(events), null, -1, null);
    }

    static Outcome rejected(SyncEvent event, int step) {
      return new Outcome(List.of(), event, step, null);
    }

    static Outcome threw(RuntimeException error) {
      return new Outcome(List.of(), null, -1, error);
    }
  }

  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
  private final long defaultAfterId;
  private boolean scanning = true;
  private SyncEvent pendingRejected;
  private int pendingStep;

  Waiter(long defaultAfterId) {
    this.defaultAfterId = defaultAfterId;
  }

  CompletableFuture<Outcome> outcome() {
    return outcome;
  }

  /** True when {@code event} counts for {@code matcher}: after its start (its own, or the SyncEvents' default). */
  final boolean inScope(EventMatcher matcher, SyncEvent event) {
    Long own = matcher.afterId();
    return event.id() > (own != null ? own : defaultAfterId) && matcher.inScope(event);
  }

  final synchronized void offer(SyncEvent event) {
    if (outcome.isDone()) {
      return;
    }
    try {
      consider(event);
    } catch (RuntimeException e) {
      outcome.complete(Outcome.threw(e));
    }
  }

  /** The registration scan is over: a rejected near-match seen in it now ends the wait, unless a match did. */
  final synchronized void scanned() {
    scanning = false;
    if (!outcome.isDone() && pendingRejected != null) {
      outcome.complete(Outcome.rejected(pendingRejected, pendingStep));
    }
  }

  /** Fail fast on a rejected near-match; while scanning, only once the scan found nothing better. */
  final void rejected(SyncEvent event, int step) {
    if (scanning) {
      if (pendingRejected == null) {
        pendingRejected = event;
        pendingStep = step;
      }
    } else {
      outcome.complete(Outcome.rejected(event, step));
    }
  }

  final void found(List<SyncEvent> events) {
    outcome.complete(Outcome.found(events));
  }

  abstract void consider(SyncEvent event);

  /** Waits for the first {@code count} matching events (by id). */
  static final class FirstN extends Waiter {
    private final EventMatcher matcher;
    private final int count;
    private final TreeMap<Long, SyncEvent> matched = new TreeMap<>();

    FirstN(long defaultAfterId, EventMatcher matcher, int count) {
      super(defaultAfterId);
      this.matcher = matcher;
      this.count = count;
    }

    @Override
    void consider(SyncEvent event) {
      if (!inScope(matcher, event)) {
        return;
      }
      EventMatcher.Candidate c = new EventMatcher.Candidate(event);
      if (matcher.score(c) == matcher.maxScore()) {
        matched.put(event.id(), event);
        if (matched.size() >= count) {
          found(new ArrayList<>(matched.values()).subList(0, count));
        }
      } else if (matcher.rejectedMatch(c)) {
        rejected(event, 0);
      }
    }

    /** What matched so far, oldest first (for the time-out message). */
    synchronized List<SyncEvent> matchedSoFar() {
      return new ArrayList<>(matched.values());
    }
  }

  /** Ends (with the event) as soon as one matching event is in scope: the failure of an absence check. */
  static final class Absence extends Waiter {
    private final EventMatcher matcher;

    Absence(long defaultAfterId, EventMatcher matcher) {
      super(defaultAfterId);
      this.matcher = matcher;
    }

    @Override
    void consider(SyncEvent event) {
      if (inScope(matcher, event) && matcher.matches(event)) {
        found(List.of(event));
      }
    }
  }

  /**
   * Waits for events e1 &lt; e2 &lt; ... (by id) with each ei matching step i. Taking the earliest
   * match for each step in turn finds such a chain whenever one exists, so it is re-run on every
   * relevant arrival (arrivals may come out of id order).
   */
  static final class InOrder extends Waiter {
    private final List<EventMatcher> steps;
    private final TreeMap<Long, boolean[]> relevant = new TreeMap<>();
    private final Map<Long, SyncEvent> events = new TreeMap<>();

    InOrder(long defaultAfterId, List<EventMatcher> steps) {
      super(defaultAfterId);
      this.steps = List.copyOf(steps);
    }

    @Override
    void consider(SyncEvent event) {
      boolean[] matches = new boolean[steps.size()];
      boolean any = false;
      EventMatcher.Candidate c = new EventMatcher.Candidate(event);
      for (int i = 0; i < steps.size(); i++) {
        EventMatcher step = steps.get(i);
        if (!inScope(step, event)) {
          continue;
        }
        if (step.score(c) == step.maxScore()) {
          matches[i] = true;
          any = true;
        } else if (step.rejectedMatch(c)) {
          rejected(event, i);
          return;
        }
      }
      if (!any) {
        return;
      }
      relevant.put(event.id(), matches);
      events.put(event.id(), event);
      List<SyncEvent> chain = chain();
      if (chain.size() == steps.size()) {
        found(chain);
      }
    }

    /** The longest prefix of the steps met in order so far. */
    synchronized List<SyncEvent> chain() {
      List<SyncEvent> chain = new ArrayList<>();
      for (Map.Entry<Long, boolean[]> e : relevant.entrySet()) {
        if (chain.size() < steps.size() && e.getValue()[chain.size()]) {
          chain.add(events.get(e.getKey()));
        }
      }
      return chain;
    }
  }
}
