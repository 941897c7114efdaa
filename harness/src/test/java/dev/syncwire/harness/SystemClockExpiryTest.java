package dev.syncwire.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.fake.FakeClock;
import dev.syncwire.harness.fake.SyncApiFake;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On the system clock, a TTL runs out on its own: no request and no clock call, the item or object
 * is gone within a second of the date_expires it showed, and its *_removed webhook reaches the receiver.
 */
class SystemClockExpiryTest extends FakeWiredToReceiver {
  /** Twilio shows whole seconds: the real expiry falls in the second after date_expires; the rest is delivery. */
  static final Duration WITHIN = Duration.ofMillis(1500);

  @Override
  SyncApiFake.Builder configure(SyncApiFake.Builder builder) {
    return builder.clock(FakeClock.system());
  }

  @Test
  void aMapItemAndADocumentWithTtl1AreGoneWithinASecondOfDateExpiresWithTheirWebhooks() {
    try (SyncEvents events = SyncEvents.of(receiver)) {
      // A later expiry first: the timer must be woken for the earlier ones added after it.
      Document.creator(service).setUniqueName("session").setTtl(3600).create(client);
      SyncMap.creator(service).setUniqueName("user-presence").create(client);
      Instant sent = Instant.now();
      SyncMapItem item = SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online"))
          .setTtl(1).create(client);
      Document doc = Document.creator(service).setUniqueName("typing-hint").setTtl(1).create(client);

      Instant created = item.getDateCreated().toInstant();
      Instant expires = item.getDateExpires().toInstant();
      assertThat(created).as("real time, not the start time").isAfterOrEqualTo(sent.truncatedTo(ChronoUnit.SECONDS))
          .isBeforeOrEqualTo(Instant.now());
      assertThat(expires).isEqualTo(created.plusSeconds(1));

      SyncEvent removed = events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofSeconds(5));
      assertThat(removed.signature()).isEqualTo(SignatureVerdict.VALID);
      assertThat(removed.receivedAt()).as("the item lived its whole TTL").isAfterOrEqualTo(sent.plusSeconds(1))
          .isAfterOrEqualTo(expires).isBefore(expires.plus(WITHIN));
      System.out.printf("system clock: map_item_removed arrived %d ms after date_expires %s (%d ms after the create was sent)%n",
          Duration.between(expires, removed.receivedAt()).toMillis(), expires,
          Duration.between(sent, removed.receivedAt()).toMillis());
      SyncEvent docRemoved = events.await().type("document_removed").object("typing-hint").within(Duration.ofSeconds(5));
      Instant docExpires = doc.getDateExpires().toInstant();
      assertThat(docRemoved.receivedAt()).isAfterOrEqualTo(docExpires).isBefore(docExpires.plus(WITHIN));

      assertThatThrownBy(() -> SyncMapItem.fetcher(service, "user-presence", "user-123").fetch(client))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
      assertThatThrownBy(() -> Document.fetcher(service, "typing-hint").fetch(client))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
      assertThat(Document.fetcher(service, "session").fetch(client).getUniqueName()).isEqualTo("session");
    }
  }

  @Test
  void restoringASnapshotKeepsTheSystemsTimeSoATtlThatRanOutSinceExpiresAtOnce() {
    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).setTtl(1).create(client);
    SyncApiFake.Snapshot snapshot = fake.snapshot();
    try (SyncEvents events = SyncEvents.of(receiver)) {
      events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofSeconds(5));
    }
    try (SyncEvents events = SyncEvents.of(receiver)) {
      Instant restored = Instant.now();
      fake.restore(snapshot);
      SyncEvent again = events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofSeconds(5));
      assertThat(again.receivedAt()).isBefore(restored.plusSeconds(1));
    }
    assertThatThrownBy(() -> SyncMapItem.fetcher(service, "user-presence", "user-123").fetch(client))
        .isInstanceOf(ApiException.class);
  }
}
