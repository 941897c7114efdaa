package dev.syncwire.harness;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The machinery behind {@link SyncEvents}: its scope (the events recorded since a start id, of one
 * service or all), the waiters the receiver wakes on each recorded event, and the scan-then-block
 * run of one await ({@link EventAwait}, {@link CountAwait}, {@link OrderedAwait}).
 */
final class EventWatch implements AutoCloseable {
  private final SyncReceiver receiver;
  private final String serviceSid; // null: every service's events
  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final AutoCloseable subscription;
  private volatile long startId;

  EventWatch(SyncReceiver receiver, String serviceSid) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.serviceSid = serviceSid;
    // subscribe before reading the start, so nothing recorded in between is missed
    this.subscription = receiver.events().subscribe(this::recorded);
    this.startId = latestId();
  }

  SyncReceiver receiver() {
    return receiver;
  }

  /** The events in scope, oldest first. */
  List<SyncEvent> scope() {
    List<SyncEvent> events = new ArrayList<>(
        receiver.events().query(EventQuery.all().afterId(startId).limit(Integer.MAX_VALUE)));
    events.removeIf(e -> !ours(e));
    Collections.reverse(events);
    return events;
  }

  /** Every event the receiver holds of this scope's service(s), oldest first. */
  List<SyncEvent> all() {
    List<SyncEvent> events = new ArrayList<>(receiver.events().all());
    events.removeIf(e -> !ours(e));
    return events;
  }

  /** Starts the scope after the latest event recorded so far. */
  void reset() {
    startId = latestId();
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }

  /** How many awaits are waiting now (tests use it to post only once an await is parked). */
  int waiting() {
    return waiters.size();
  }

  long startId() {
    return startId;
  }

  Instant now() {
    return receiver.config().clock().instant();
  }

  /**
   * Registers {@code waiter}, scans what is already recorded, then blocks until it ends or
   * {@code limit} passes (null then). Registering before scanning means an event recorded during the
   * scan reaches the waiter one way or the other (both at worst; waiters key events by id).
   */
  Waiter.Outcome run(Waiter waiter, List<EventMatcher> matchers, long start, Duration limit, String expected) {
    waiters.add(waiter);
    try {
      for (SyncEvent e : inScope(matchers, start)) {
        waiter.offer(e);
      }
      waiter.scanned();
      return waiter.outcome().get(saturatedNanos(limit), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(expected + ": interrupted while waiting", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // never: outcomes complete normally
    } finally {
      waiters.remove(waiter);
    }
  }

  /** Events after the earliest start among {@code matchers} (each defaulting to {@code start}), oldest first. */
  List<SyncEvent> inScope(List<EventMatcher> matchers, long start) {
    long from = Long.MAX_VALUE;
    for (EventMatcher m : matchers) {
      from = Math.min(from, m.afterId() != null ? m.afterId() : start);
    }
    List<SyncEvent> events = receiver.events().query(EventQuery.all().afterId(from).limit(Integer.MAX_VALUE));
    List<SyncEvent> out = new ArrayList<>(events.size());
    for (int i = events.size() - 1; i >= 0; i--) {
      SyncEvent e = events.get(i);
      if (!ours(e)) {
        continue;
      }
      for (EventMatcher m : matchers) {
        if (e.id() > (m.afterId() != null ? m.afterId() : start) && m.inScope(e)) {
          out.add(e);
          break;
        }
      }
    }
    return out;
  }

  /** Words for where the listing starts. */
  String scopeWords(EventMatcher matcher, long start) {
    return matcher.afterId() != null ? "after #" + matcher.afterId()
        : start == 0 ? "since the receiver started" : "after #" + start + " (since this SyncEvents was created or reset)";
  }

  /** The failure message's second half: what arrived, closest match first. */
  String arrivals(EventMatcher closestTo, List<EventMatcher> scopes, Set<Long> matched, long start, Instant began) {
    return AwaitFailure.arrivals(inScope(scopes, start), closestTo, matched, began, scopeWords(closestTo, start),
        receiver.webhookUrl().toString());
  }

  static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be more than zero; received " + d);
    }
    return d;
  }

  static Duration notNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative; received " + d);
    }
    return d;
  }

  static Set<Long> ids(List<SyncEvent> events) {
    Set<Long> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.id()));
    return Collections.unmodifiableSet(ids);
  }

  /** True for the events of this SyncEvents' service (all when it watches every service). */
  private boolean ours(SyncEvent event) {
    return serviceSid == null || serviceSid.equals(event.serviceSid());
  }

  private void recorded(SyncEvent event) {
    if (!ours(event)) {
      return;
    }
    for (Waiter waiter : waiters) {
      waiter.offer(event);
    }
  }

  private long latestId() {
    return receiver.events().latest().map(SyncEvent::id).orElse(0L);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
