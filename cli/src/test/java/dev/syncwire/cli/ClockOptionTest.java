package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --clock}: the system clock unless asked for a manual one; the banner says which runs. */
class ClockOptionTest {
  @Test
  void upAndFakeRunOnTheSystemClockByDefault() {
    Cli up = Cli.run("up", "--port", "0", "--fake-port", "0");
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out()).contains("  clock:     system (real time; TTLs expire on their own; --clock manual to control time)\n");

    Cli fake = Cli.run("fake", "--port", "0");
    assertThat(fake.exitCode()).as(fake.toString()).isZero();
    assertThat(fake.out()).contains("  clock: system (real time; TTLs expire on their own;");
  }

  @Test
  void manualStandsAtTheCurrentSecondOrAtTheInstantGiven() {
    Cli atInstant = Cli.run("up", "--port", "0", "--fake-port", "0", "--clock", "manual=2026-01-01T00:00:00Z");
    assertThat(atInstant.exitCode()).as(atInstant.toString()).isZero();
    assertThat(atInstant.out()).contains("  clock:     manual, standing at 2026-01-01T00:00:00Z (moves only when told,"
        + " as in the JUnit extension)\n");

    Cli now = Cli.run("fake", "--port", "0", "--clock", "MANUAL");
    assertThat(now.exitCode()).as(now.toString()).isZero();
    assertThat(now.out()).containsPattern("(?m)^  clock: manual, standing at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(");
  }
}
