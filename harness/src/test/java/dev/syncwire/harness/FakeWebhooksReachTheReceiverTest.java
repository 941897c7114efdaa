package dev.syncwire.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * End to end, no mocks: the official twilio-java SDK changes state in the fake, the fake posts
 * signed webhooks, the receiver checks them with the same token in enforce mode and records them.
 */
class FakeWebhooksReachTheReceiverTest extends FakeWiredToReceiver {

  @Test
  void everyChangeArrivesOnceSignedAndInOrderPerObject() throws Exception {
    CountDownLatch all = expect(2 + 5 + 2 + 3 + 3);
    Document.creator(service).setUniqueName("call-CA1").setData(Map.of("stage", "greeting")).create(client);
    Document.updater(service, "call-CA1").setData(Map.of("stage", "menu")).update(client);
    SyncList.creator(service).setUniqueName("activity-feed").create(client);
    for (int i = 0; i < 4; i++) {
      SyncListItem.creator(service, "activity-feed", Map.of("n", i)).create(client);
    }
    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).create(client);
    SyncMapItem.updater(service, "user-presence", "user-123").setData(Map.of("status", "away")).update(client);
    SyncMapItem.updater(service, "user-presence", "user-123").setData(Map.of("status", "offline")).update(client);
    SyncMapItem.deleter(service, "user-presence", "user-123").delete(client);
    Document.deleter(service, "call-CA1").delete(client);
    SyncListItem.deleter(service, "activity-feed", 0).delete(client);
    SyncList.deleter(service, "activity-feed").delete(client);

    assertThat(all.await(10, TimeUnit.SECONDS)).as("every webhook recorded; the fake says %s", fake.webhookDeliveries())
        .isTrue();
    List<SyncEvent> events = receiver.events().all();
    assertThat(events).allSatisfy(e -> {
      assertThat(e.accepted()).as("%s: %s", e, e.errors()).isTrue();
      assertThat(e.signature()).isEqualTo(SignatureVerdict.VALID);
      assertThat(e.webhook().identity()).isEqualTo("system");
      assertThat(e.webhook().endpointId()).isNull();
      assertThat(e.serviceSid()).isEqualTo(service);
    });
    Map<String, List<String>> byObject = events.stream().collect(Collectors.groupingBy(SyncEvent::objectName,
        Collectors.mapping(e -> e.eventType() + (e.itemKey() != null ? ":" + e.data().path("status").asText() : ""),
            Collectors.toList())));
    assertThat(byObject.get("call-CA1")).containsExactly("document_created", "document_updated", "document_removed");
    assertThat(byObject.get("user-presence")).containsExactly("map_created", "map_item_added:online",
        "map_item_updated:away", "map_item_updated:offline", "map_item_removed:offline");
    assertThat(byObject.get("activity-feed")).containsExactly("list_created", "list_item_added", "list_item_added",
        "list_item_added", "list_item_added", "list_item_removed", "list_removed");
    List<Long> listEventIds = events.stream()
        .filter(e -> "activity-feed".equals(e.objectName()) && e.canonicalType().itemEvent())
        .map(e -> e.webhook().eventId()).toList();
    assertThat(listEventIds).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
    assertThat(fake.webhookDeliveries()).hasSize(events.size());
  }

  @Test
  void anExpiredPresenceItemFiresItsRemovalWhenTheClockAdvances() {
    try (SyncEvents events = SyncEvents.of(receiver)) {
      SyncMap.creator(service).setUniqueName("user-presence").create(client);
      SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).setTtl(300).create(client);
      events.awaitMapItemAdded("user-presence", "user-123", Duration.ofSeconds(5));

      fake.clock().advance(Duration.ofMinutes(5));

      SyncEvent removal = events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofSeconds(5));
      assertThat(removal.signature()).isEqualTo(SignatureVerdict.VALID);
      assertThat(removal.webhook().identity()).isEqualTo("system");
    }
  }

  @Test
  void restChangesFireNothingWhenTheServiceLeavesWebhooksFromRestOffAsTwilioDoes() {
    try (SyncEvents events = SyncEvents.of(receiver)) {
      fake.updateDefaultService(receiver.webhookUrl().toString(), false);
      Document.creator(service).setUniqueName("quiet").setData(Map.of("a", 1)).create(client);
      fake.updateDefaultService(receiver.webhookUrl().toString(), true);
      Document.creator(service).setUniqueName("loud").setData(Map.of("a", 1)).create(client);

      events.await().type("document_created").object("loud").within(Duration.ofSeconds(5));
      assertThat(fake.awaitWebhooksQuiet(Duration.ofSeconds(5))).isTrue();
      assertThat(receiver.events().all()).extracting(SyncEvent::objectName).containsExactly("loud");
    }
  }

  private CountDownLatch expect(int count) {
    CountDownLatch latch = new CountDownLatch(count);
    receiver.events().subscribe(e -> latch.countDown());
    return latch;
  }
}
