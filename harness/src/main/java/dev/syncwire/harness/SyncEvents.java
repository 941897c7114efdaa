package dev.syncwire.harness;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

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

  private final Duration defaultTimeout;
  private final EventWatch watch;

  private SyncEvents(SyncReceiver receiver, String serviceSid, Duration defaultTimeout) {
    Objects.requireNonNull(receiver, "receiver");
    this.defaultTimeout = EventWatch.positive(defaultTimeout, "defaultTimeout");
    this.watch = new EventWatch(receiver, serviceSid);
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

  /**
   * The first {@code stream_message_published} to {@code stream}: its SID ({@code TO...}), since the
   * webhook carries no unique name. The fake sends these only with {@code streamWebhooks} on.
   */
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
    long start = watch.startId();
    Instant created = watch.now();
    return new Callable<>() {
      @Override
      public Boolean call() {
        SyncEvent rejected = null;
        for (SyncEvent e : watch.inScope(List.of(matcher), start)) {
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
    return watch.scope();
  }

  /** Every event the receiver holds (of this service, when scoped to one), whenever recorded, oldest first. */
  public List<SyncEvent> all() {
    return watch.all();
  }

  /** Starts the scope afresh: awaits from now on look only at events recorded after this call. */
  public void reset() {
    watch.reset();
  }

  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  public SyncReceiver receiver() {
    return watch.receiver();
  }

  /** Stops listening to the receiver; awaits still waiting end with their time-out. */
  @Override
  public void close() {
    try {
      watch.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not unsubscribe from " + watch.receiver(), e);
    }
  }

  @Override
  public String toString() {
    return "SyncEvents on " + watch.receiver().webhookUrl() + " (" + recorded().size() + " in scope, after #"
        + watch.startId() + ")";
  }

  /** The scope and waiters behind the awaits. */
  EventWatch watch() {
    return watch;
  }

  /** How many awaits are waiting now (tests use it to post only once an await is parked). */
  int waiting() {
    return watch.waiting();
  }
}
