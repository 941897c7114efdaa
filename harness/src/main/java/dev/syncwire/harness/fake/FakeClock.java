package dev.syncwire.harness.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The fake's time. It stands still until {@link #advance(Duration)} moves it; advancing expires
 * every Sync object and item whose TTL ran out, before it returns, and hands the matching
 * {@code *_removed} webhooks to delivery.
 *
 * <pre>{@code
 * try (SyncApiFake fake = SyncApiFake.builder().start()) {
 *   // ... create a map item with Ttl 300 ...
 *   fake.clock().advance(Duration.ofMinutes(5));   // the item is gone now, map_item_removed sent
 * }
 * }</pre>
 */
public final class FakeClock extends Clock {
  private volatile Instant now;
  private volatile Consumer<Instant> onAdvance = instant -> {};

  private FakeClock(Instant start) {
    this.now = start;
  }

  /** A clock standing at {@code start} (Twilio reports whole seconds, so sub-seconds are dropped). */
  public static FakeClock at(Instant start) {
    return new FakeClock(Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.SECONDS));
  }

  /** A clock standing at the current second. */
  public static FakeClock ofNow() {
    return at(Instant.now());
  }

  /** Moves time forward and expires what ran out; negative durations are refused. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "FakeClock only moves forward, got " + duration + "; use restore(snapshot) to go back");
    }
    Instant target;
    synchronized (this) {
      now = now.plus(duration);
      target = now;
    }
    onAdvance.accept(target);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now, zone);
  }

  void onAdvance(Consumer<Instant> listener) {
    this.onAdvance = Objects.requireNonNull(listener);
  }

  synchronized void set(Instant instant) {
    now = instant;
  }

  @Override
  public String toString() {
    return "FakeClock[" + now + "]";
  }
}
