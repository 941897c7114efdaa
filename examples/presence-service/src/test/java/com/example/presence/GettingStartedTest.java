package com.example.presence;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_ADDED;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The getting-started snippet of README.md, compiled and run so that it stays true. */
@SyncWireTest
class GettingStartedTest {
  @Test
  void heartbeatMarksTheUserOnline(TwilioRestClient client, @SyncServiceSid String service, SyncEvents events) {
    new PresenceService(client, service).heartbeat("user-123", "online", "web");

    events.await().type(MAP_ITEM_ADDED).object("user-presence").key("user-123")
        .data("status", "online").within(Duration.ofSeconds(2));
  }
}
