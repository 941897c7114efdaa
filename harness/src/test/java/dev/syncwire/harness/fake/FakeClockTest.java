package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two clock modes: manual moves only when told (forward only); system cannot be moved at all. */
class FakeClockTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aManualClockStandsStillUntilSetForwardAndSettingItExpiresWhatRanOut() {
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START.plusMillis(750))).start()) {
      FakeClock clock = fake.clock();
      assertThat(clock.mode()).isEqualTo(FakeClock.Mode.MANUAL);
      assertThat(clock.instant()).as("whole seconds, as Twilio shows").isEqualTo(START);
      var client = fake.twilioClient();
      String service = fake.defaultServiceSid();
      SyncMap.creator(service).setUniqueName("user-presence").create(client);
      SyncMapItem item = SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online"))
          .setTtl(300).create(client);
      assertThat(item.getDateCreated().toInstant()).isEqualTo(START);
      assertThat(item.getDateExpires().toInstant()).isEqualTo(START.plusSeconds(300));

      clock.set(START.plusSeconds(299));
      assertThat(SyncMapItem.fetcher(service, "user-presence", "user-123").fetch(client).getKey()).isEqualTo("user-123");
      clock.set(START.plusSeconds(299)); // the same instant: allowed, nothing moves
      assertThat(clock.instant()).isEqualTo(START.plusSeconds(299));
      clock.set(START.plusSeconds(300));
      assertThat(fake.snapshot().toString()).contains(START.plusSeconds(300).toString());
      assertThatThrownBy(() -> SyncMapItem.fetcher(service, "user-presence", "user-123").fetch(client))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }
  }

  @Test
  void aManualClockRefusesToGoBack() {
    FakeClock clock = FakeClock.at(START);
    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(() -> clock.set(START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FakeClock only moves forward: it is at 2026-01-01T00:05:00Z, set(2026-01-01T00:00:00Z) would go back;"
            + " use restore(snapshot) to go back");
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
  }

  @Test
  void aSystemClockFollowsTheSystemAndRefusesToMoveNamingClockManual() {
    FakeClock clock = FakeClock.system();
    assertThat(clock.mode()).isEqualTo(FakeClock.Mode.SYSTEM);
    Instant before = Instant.now();
    assertThat(clock.instant()).isBetween(before.minusMillis(1), Instant.now());

    assertThatThrownBy(() -> clock.advance(Duration.ofMinutes(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("FakeClock.advance(PT5M) refused: this clock follows the system clock and cannot be moved.")
        .hasMessageContaining("--clock manual");
    assertThatThrownBy(() -> clock.set(Instant.now().plusSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--clock manual");
  }

  @Test
  void theBuilderKeepsAManualClockByDefault() {
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      assertThat(fake.clock().mode()).isEqualTo(FakeClock.Mode.MANUAL);
      Instant shown = fake.clock().instant();
      assertThat(fake.clock().instant()).isEqualTo(shown);
    }
  }

  @Test
  void restoringOnAManualClockPutsItsTimeBackButOnASystemClockLeavesTheSystemsTime() {
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START)).start()) {
      SyncApiFake.Snapshot snapshot = fake.snapshot();
      fake.clock().advance(Duration.ofHours(1));
      fake.restore(snapshot);
      assertThat(fake.clock().instant()).isEqualTo(START);
    }
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.system()).start()) {
      SyncApiFake.Snapshot snapshot = fake.snapshot();
      String service = fake.defaultServiceSid();
      SyncMap.creator(service).setUniqueName("later").create(fake.twilioClient());
      Instant beforeRestore = Instant.now();
      fake.restore(snapshot);
      assertThat(fake.clock().instant()).isAfterOrEqualTo(beforeRestore.minusMillis(1));
      assertThatThrownBy(() -> SyncMap.fetcher(service, "later").fetch(fake.twilioClient()))
          .isInstanceOf(ApiException.class);
    }
  }
}
