package dev.syncwire.cli;

import dev.syncwire.harness.fake.FakeClock;
import java.time.Instant;

/** What {@code --clock} asked for: the system clock, or a manual one starting now or at {@code start}. */
record ClockSetting(FakeClock.Mode mode, Instant start) {
  static final ClockSetting SYSTEM = new ClockSetting(FakeClock.Mode.SYSTEM, null);

  FakeClock newClock() {
    if (mode == FakeClock.Mode.SYSTEM) {
      return FakeClock.system();
    }
    return start == null ? FakeClock.ofNow() : FakeClock.at(start);
  }

  /** The banner's words for {@code clock}, the clock this setting made. */
  static String describe(FakeClock clock) {
    return clock.mode() == FakeClock.Mode.SYSTEM
        ? "system (real time; TTLs expire on their own; --clock manual to control time)"
        : "manual, standing at " + clock.instant() + " (moves only when told, as in the JUnit extension)";
  }
}
