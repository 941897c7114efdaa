package com.example.quickstart;

import static dev.syncwire.harness.EventMatcher.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.SyncEventsAssert;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SyncWireTest
class PresenceTest {
  @Test
  void presenceWithATtlIsRemovedWhenItExpires(TwilioRestClient client, @SyncServiceSid String service,
      SyncApiFake fake, SyncEvents events) {
    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).setTtl(300).create(client);

    SyncEvent added = events.await().type("map_item_added").object("user-presence").key("user-123")
        .within(Duration.ofSeconds(2));
    assertThat(added.data().get("status").asText()).isEqualTo("online");

    fake.clock().advance(Duration.ofMinutes(5));   // the fake's clock: the TTL runs out, map_item_removed fires
    events.await().type("map_item_removed").object("user-presence").key("user-123").within(Duration.ofSeconds(2));
    events.assertNoEvent(event("map_removed"), Duration.ofMillis(200));
    SyncEventsAssert.assertThat(events).containsTypes("map_created", "map_item_added", "map_item_removed");
  }
}
