package dev.syncwire.harness;

import dev.syncwire.fixtures.EventType;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for, and asserts on, the webhooks a {@link SyncReceiver} records. Event-driven: the
 * receiver wakes a waiting test the moment it records an event (no polling, no sleeps). An await
 * consumes nothing, so any number of awaits may look at the same event, and it never returns null:
 * it returns the event or throws an {@link AssertionError} saying what was awaited, for how long,
 * and what arrived instead, closest match first.
 *
 * <pre>{@code
 * try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(token).build());
 *      SyncEvents events = SyncEvents.of(receiver)) {
 *   // ... make the app change user-presence ...
 *   SyncEvent removed = events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofSeconds(2));
 *   events.await().type(EventType.MAP_ITEM_UPDATED).object("user-presence").key("user-456")
 *       .data("status", "offline").within(Duration.ofSeconds(2));
 *   events.assertNoEvent(EventMatcher.event("map_item_removed").after(removed), Duration.ofMillis(500));
 * }
 * }</pre>
 *
 * <p><b>Which events count.</b> Every await looks at the events recorded since this SyncEvents was
 * created or last {@link #reset()}, already recorded ones included, and at those still to come.
 * {@link EventMatcher#after(SyncEvent)} moves the start (for "the next one"); {@link
 * EventMatcher#since(java.time.Instant)} narrows it by time.
 *
 * <p><b>Which statuses count.</b> Only accepted events match by default: redeliveries the receiver
 * flagged {@code duplicate} and webhooks it rejected do not. A rejected webhook that meets every
 * other criterion ends a waiting await at once with the rejection's reason (a bad signature won't
 * fix itself in two seconds).
 *
 * <p><b>Time limits.</b> Every wait is bounded: {@link EventAwait#arrives()} uses the default
 * time-out (5 seconds unless given to {@link #of(SyncReceiver, Duration)}), and absence is asserted
 * over the whole stated window, never by returning early.
 *
 * <p>Thread-safe: awaits may run on any number of threads at once.
 */
public final class SyncEvents implements AutoCloseable {
  /** The time-out of {@link EventAwait#arrives()} and friends unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final SyncReceiver receiver;
  private final String serviceSid; // null: every service's events
  private final Duration defaultTimeout;
  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final AutoCloseable subscription;
  private volatile long startId;

  private SyncEvents(SyncReceiver receiver, String serviceSid, Duration defaultTimeout) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.serviceSid = serviceSid;
    this.defaultTimeout = positive(defaultTimeout, "defaultTimeout");
    // subscribe before reading the start, so nothing recorded in between is missed
    this.subscription = receiver.events().subscribe(this::recorded);
    this.startId = latestId();
  }

  /** Awaits on {@code receiver}'s events, with the default 5-second time-out. */
  public static SyncEvents of(SyncReceiver receiver) {
    return new SyncEvents(receiver, null, DEFAULT_TIMEOUT);
  }

  /** Awaits on {@code receiver}'s events; {@code defaultTimeout} bounds every await not given a limit. */
  public static SyncEvents of(SyncReceiver receiver, Duration defaultTimeout) {
    return new SyncEvents(receiver, null, defaultTimeout);
  }

  /**
   * Awaits on the events of one Sync service only ({@code ServiceSid}): tests that share a receiver
   * each see their own service's webhooks, so they can run in parallel.
   */
  public static SyncEvents forService(SyncReceiver receiver, String serviceSid, Duration defaultTimeout) {
    return new SyncEvents(receiver, Objects.requireNonNull(serviceSid, "serviceSid"), defaultTimeout);
  }

  /** An await for any accepted event; narrow it with {@code type}, {@code object}, {@code key}, ... */
  public EventAwait await() {
    return new EventAwait(this, EventMatcher.event());
  }

  /** An await whose failure messages lead with {@code alias}, as Awaitility's {@code await("alias")}. */
  public EventAwait await(String alias) {
    return new EventAwait(this, EventMatcher.event().alias(alias));
  }

  /** An await for {@code matcher}. */
  public EventAwait await(EventMatcher matcher) {
    return new EventAwait(this, Objects.requireNonNull(matcher, "matcher"));
  }

  /** The first {@code map_item_added} (seed: {@code map_item_created}) for {@code key} in {@code map}. */
  public SyncEvent awaitMapItemAdded(String map, String key, Duration within) {
    return await().type(EventType.MAP_ITEM_ADDED).object(map).key(key).within(within);
  }

  /** The first {@code map_item_updated} for {@code key} in {@code map}. */
  public SyncEvent awaitMapItemUpdated(String map, String key, Duration within) {
    return await().type(EventType.MAP_ITEM_UPDATED).object(map).key(key).within(within);
  }

  /** The first {@code map_item_removed} for {@code key} in {@code map}. */
  public SyncEvent awaitMapItemRemoved(String map, String key, Duration within) {
    return await().type(EventType.MAP_ITEM_REMOVED).object(map).key(key).within(within);
  }

  /** The first {@code list_item_added} (seed: {@code list_item_created}) to {@code list}. */
  public SyncEvent awaitListItemAdded(String list, Duration within) {
    return await().type(EventType.LIST_ITEM_ADDED).object(list).within(within);
  }

  /** The first {@code list_item_removed} at {@code index} of {@code list}. */
  public SyncEvent awaitListItemRemoved(String list, long index, Duration within) {
    return await().type(EventType.LIST_ITEM_REMOVED).object(list).index(index).within(within);
  }

  /** The first {@code document_updated} for {@code document} (SID or unique name). */
  public SyncEvent awaitDocumentUpdated(String document, Duration within) {
    return await().type(EventType.DOCUMENT_UPDATED).object(document).within(within);
  }

  /** The first {@code stream_message_published} to {@code stream}. */
  public SyncEvent awaitStreamMessagePublished(String stream, Duration within) {
    return await().type(EventType.STREAM_MESSAGE_PUBLISHED).object(stream).within(within);
  }

  /** The first {@code count} events matching {@code matcher}, oldest first. */
  public List<SyncEvent> awaitCount(EventMatcher matcher, int count, Duration within) {
    return await(matcher).count(count).within(within);
  }

  /**
   * Asserts that no event matching {@code matcher} is in scope now or arrives during the whole of
   * {@code during}; fails as soon as one does, naming it.
   */
  public void assertNoEvent(EventMatcher matcher, Duration during) {
    await(matcher).absentFor(during);
  }

  /** An await for events matching each of {@code steps}, in that order (by the receiver's event id). */
  public OrderedAwait inOrder(EventMatcher... steps) {
    return new OrderedAwait(this, List.of(steps));
  }

  /**
   * A condition for Awaitility: true once an event matching {@code matcher} is in scope (the scope
   * as of this call). Like an await, it throws at once when a matching webhook was rejected.
   *
   * <pre>{@code
   * Awaitility.await().atMost(2, SECONDS).until(events.received(EventMatcher.event("map_item_removed")));
   * }</pre>
   *
   * <p>Awaitility names the condition by the method that made it ({@code received}); give it the
   * matcher's words with {@code Awaitility.await(matcher.description())}. Awaitility polls (every
   * 100 ms by default) and each poll scans the events in scope; {@link #await()} wakes on arrival.
   */
  public Callable<Boolean> received(EventMatcher matcher) {
    Objects.requireNonNull(matcher, "matcher");
    long start = startId;
    Instant created = now();
    return new Callable<>() {
      @Override
      public Boolean call() {
        SyncEvent rejected = null;
        for (SyncEvent e : inScope(List.of(matcher), start)) {
          EventMatcher.Candidate c = new EventMatcher.Candidate(e);
          if (matcher.score(c) == matcher.maxScore()) {
            return true;
          }
          if (rejected == null && matcher.rejectedMatch(c)) {
            rejected = e;
          }
        }
        if (rejected != null) {
          throw new AssertionError(AwaitFailure.rejected("Expected " + matcher.description(), rejected, created));
        }
        return false;
      }

      @Override
      public String toString() {
        return "events.received(" + matcher.description() + ")";
      }
    };
  }

  /** The events in scope (recorded since this SyncEvents was created or last reset), oldest first. */
  public List<SyncEvent> recorded() {
    List<SyncEvent> events = new ArrayList<>(
        receiver.events().query(EventQuery.all().afterId(startId).limit(Integer.MAX_VALUE)));
    events.removeIf(e -> !ours(e));
    Collections.reverse(events);
    return events;
  }

  /** Every event the receiver holds (of this service, when scoped to one), whenever recorded, oldest first. */
  public List<SyncEvent> all() {
    List<SyncEvent> events = new ArrayList<>(receiver.events().all());
    events.removeIf(e -> !ours(e));
    return events;
  }

  /** Starts the scope afresh: awaits from now on look only at events recorded after this call. */
  public void reset() {
    startId = latestId();
  }

  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  public SyncReceiver receiver() {
    return receiver;
  }

  /** Stops listening to the receiver; awaits still waiting end with their time-out. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not unsubscribe from " + receiver, e);
    }
  }

  @Override
  public String toString() {
    return "SyncEvents on " + receiver.webhookUrl() + " (" + recorded().size() + " in scope, after #" + startId + ")";
  }

  // ---- package-private: the machinery behind EventAwait, CountAwait and OrderedAwait ----

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
