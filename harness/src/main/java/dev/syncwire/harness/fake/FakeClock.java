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
  /** How the clock moves: only when told ({@code MANUAL}), or with the system clock ({@code SYSTEM}). */
  public enum Mode { MANUAL, SYSTEM }

  private final Mode mode;
  private volatile Instant now;
  private volatile Consumer<Instant> onAdvance = instant -> {};

  private FakeClock(Instant start, Mode mode) {
    this.now = start;
    this.mode = mode;
  }

  /** A clock standing at {@code start} (Twilio reports whole seconds, so sub-seconds are dropped). */
  public static FakeClock at(Instant start) {
    return new FakeClock(Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.SECONDS), Mode.MANUAL);
  }

  /** A clock that follows the system clock; {@link #advance} and {@link #set} refuse to move it. */
  public static FakeClock system() {
    return new FakeClock(Instant.now(), Mode.SYSTEM);
  }

  public Mode mode() {
    return mode;
  }

  /** A clock standing at the current second. */
  public static FakeClock ofNow() {
    return at(Instant.now());
  }

  /** Moves time forward and expires what ran out; negative durations are refused. */
  public void advance(Duration duration) {
    requireManual("advance");
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

  /** Moves time forward to {@code instant} and expires what ran out; an earlier instant is refused. */
  public void set(Instant instant) {
    requireManual("set");
    Objects.requireNonNull(instant, "instant");
    synchronized (this) {
      if (instant.isBefore(now)) {
        throw new IllegalArgumentException("FakeClock only moves forward: it is " + now + ", got " + instant
            + "; use restore(snapshot) to go back");
      }
      now = instant;
    }
    onAdvance.accept(instant);
  }

  private void requireManual(String what) {
    if (mode == Mode.SYSTEM) {
      throw new IllegalStateException("This FakeClock follows the system clock, so " + what
          + " cannot move it; start the fake with a manual clock (--clock manual, or FakeClock.at(...))");
    }
  }

  @Override
  public Instant instant() {
    return mode == Mode.SYSTEM ? Instant.now() : now;
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

  /** Puts a manual clock at {@code instant}, backwards too (restoring a snapshot); a system clock keeps its time. */
  synchronized void restoreTo(Instant instant) {
    if (mode == Mode.MANUAL) {
      now = instant;
    }
  }

  @Override
  public String toString() {
    return "FakeClock[" + (mode == Mode.SYSTEM ? "system " + instant() : now) + "]";
  }
}
