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
 * The fake's time, in one of two {@link Mode}s. A manual clock ({@link #at}, {@link #ofNow}) stands
 * still until {@link #advance(Duration)} or {@link #set(Instant)} moves it; moving it expires every
 * Sync object and item whose TTL ran out, before it returns, and hands the matching
 * {@code *_removed} webhooks to delivery. A system clock ({@link #system()}) follows the machine's
 * time and cannot be moved; the fake then expires each TTL on its own, within a second of its
 * {@code date_expires}, with no request needed.
 *
 * <pre>{@code
 * try (SyncApiFake fake = SyncApiFake.builder().start()) {         // manual by default
 *   // ... create a map item with Ttl 300 ...
 *   fake.clock().advance(Duration.ofMinutes(5));   // the item is gone now, map_item_removed sent
 * }
 * try (SyncApiFake live = SyncApiFake.builder().clock(FakeClock.system()).start()) {
 *   // ... a map item with Ttl 1 is gone about a second later, map_item_removed sent
 * }
 * }</pre>
 */
public final class FakeClock extends Clock {
  /** Whether a clock moves only when told ({@code --clock manual}) or follows the system clock. */
  public enum Mode { MANUAL, SYSTEM }

  private final Mode mode;
  private volatile Instant now; // manual clocks only
  private volatile Consumer<Instant> onAdvance = instant -> {};

  private FakeClock(Mode mode, Instant start) {
    this.mode = mode;
    this.now = start;
  }

  /** A manual clock standing at {@code start} (Twilio reports whole seconds, so sub-seconds are dropped). */
  public static FakeClock at(Instant start) {
    return new FakeClock(Mode.MANUAL, Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.SECONDS));
  }

  /** A manual clock standing at the current second. */
  public static FakeClock ofNow() {
    return at(Instant.now());
  }

  /** A clock that follows the system clock: real dates, and TTLs that run out on their own. */
  public static FakeClock system() {
    return new FakeClock(Mode.SYSTEM, null);
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Moves a manual clock forward and expires what ran out.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   * @throws IllegalStateException on a system clock
   */
  public void advance(Duration duration) {
    requireManual("advance(" + duration + ")");
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

  /**
   * Moves a manual clock forward to {@code instant} (the same instant is allowed) and expires what
   * ran out.
   *
   * @throws IllegalArgumentException if {@code instant} is before the clock's time
   * @throws IllegalStateException on a system clock
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    requireManual("set(" + instant + ")");
    synchronized (this) {
      if (instant.isBefore(now)) {
        throw new IllegalArgumentException("FakeClock only moves forward: it is at " + now + ", set(" + instant
            + ") would go back; use restore(snapshot) to go back");
      }
      now = instant;
    }
    onAdvance.accept(instant);
  }

  @Override
  public Instant instant() {
    // Millis, not Twilio's whole seconds: an item then lives its whole TTL, and goes within 1 s after the date_expires shown.
    return mode == Mode.SYSTEM ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return mode == Mode.SYSTEM ? Clock.system(zone) : Clock.fixed(now, zone);
  }

  void onAdvance(Consumer<Instant> listener) {
    this.onAdvance = Objects.requireNonNull(listener);
  }

  /**
   * Puts a manual clock at a snapshot's time, back or forward, without expiring anything; a system
   * clock keeps the system's time.
   */
  synchronized void restoreTo(Instant instant) {
    if (mode == Mode.MANUAL) {
      now = instant;
    }
  }

  private void requireManual(String call) {
    if (mode == Mode.SYSTEM) {
      throw new IllegalStateException("FakeClock." + call + " refused: this clock follows the system clock and"
          + " cannot be moved. Start the fake with a manual clock to move time: --clock manual on the command line,"
          + " FakeClock.ofNow() or FakeClock.at(instant) in SyncApiFake.builder().clock(...)");
    }
  }

  @Override
  public String toString() {
    return "FakeClock[" + mode.name().toLowerCase(java.util.Locale.ROOT) + " " + instant() + "]";
  }
}
