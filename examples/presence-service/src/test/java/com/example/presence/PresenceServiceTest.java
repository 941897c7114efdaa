package com.example.presence;

import static dev.syncwire.harness.EventMatcher.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.SyncEventsAssert;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User presence, tested the way it runs: PresenceService talks to the Sync API through the real
 * twilio-java SDK, the fake Sync service keeps the state and posts signed webhooks, and the tests
 * await those webhooks. Every test gets a fresh fake and receiver, so nothing leaks between them.
 */
@SyncWireTest
class PresenceServiceTest {
  static final Duration WITHIN = Duration.ofSeconds(2);

  PresenceService presence;

  @BeforeEach
  void wire(TwilioRestClient client, @SyncServiceSid String serviceSid) {
    presence = new PresenceService(client, serviceSid);
  }

  @Test
  void heartbeatMarksTheUserOnline(SyncEvents events) {
    presence.heartbeat("user-123", "online", "web");

    events.await().type(EventType.MAP_ITEM_ADDED).object("user-presence").key("user-123")
        .data("status", "online").data("device", "web").within(WITHIN);
  }

  @Test
  void heartbeatCreatesTheMapOnFirstUse(SyncEvents events) {
    presence.heartbeat("user-123", "online", null);

    events.inOrder(
        event(EventType.MAP_CREATED).object("user-presence"),
        event(EventType.MAP_ITEM_ADDED).key("user-123").data("device", "unknown"))
        .within(WITHIN);
  }

  @Test
  void secondHeartbeatUpdatesInsteadOfFailing(SyncEvents events) {
    presence.heartbeat("user-123", "online", "web");
    presence.heartbeat("user-123", "away", "web"); // the notes' create-only version throws 54208 here

    events.await().type(EventType.MAP_ITEM_UPDATED).object("user-presence").key("user-123")
        .data("status", "away").within(WITHIN);
    // Webhooks arrive in the order of the changes, so by now the add is recorded too: exactly one.
    SyncEventsAssert.assertThat(events).hasEventsMatching(event(EventType.MAP_ITEM_ADDED).key("user-123"), 1);
  }

  @Test
  void presenceExpiresWithoutAHeartbeat(SyncApiFake fake, SyncEvents events) {
    presence.heartbeat("user-123", "online", "web");
    events.awaitMapItemAdded("user-presence", "user-123", WITHIN);

    fake.clock().advance(Duration.ofMinutes(5));

    events.awaitMapItemRemoved("user-presence", "user-123", WITHIN);
    assertThat(presence.goOffline("user-123")).as("nothing left to remove: Sync expired it").isFalse();
  }

  @Test
  void eachHeartbeatRestartsTheFiveMinutes(SyncApiFake fake, SyncEvents events) {
    presence.heartbeat("user-123", "online", "web");
    fake.clock().advance(Duration.ofMinutes(4));
    presence.heartbeat("user-123", "online", "web");
    SyncEvent refreshed = events.awaitMapItemUpdated("user-presence", "user-123", WITHIN);

    fake.clock().advance(Duration.ofMinutes(4)); // 8 minutes after the first heartbeat, 4 after the last
    events.await().type(EventType.MAP_ITEM_REMOVED).key("user-123").after(refreshed).absentFor(Duration.ofMillis(300));

    fake.clock().advance(Duration.ofMinutes(1));
    events.awaitMapItemRemoved("user-presence", "user-123", WITHIN);
  }

  @Test
  void goingOfflineRemovesPresence(SyncEvents events) {
    presence.heartbeat("user-123", "online", "web");

    assertThat(presence.goOffline("user-123")).isTrue();

    events.inOrder(
        event(EventType.MAP_ITEM_ADDED).key("user-123"),
        event(EventType.MAP_ITEM_REMOVED).key("user-123"))
        .within(WITHIN);
  }

  @Test
  void goingOfflineTwiceIsHarmless(SyncEvents events) {
    presence.heartbeat("user-123", "online", "web");
    presence.goOffline("user-123");

    assertThat(presence.goOffline("user-123")).as("second goOffline finds nothing to remove").isFalse();

    SyncEvent removed = events.awaitMapItemRemoved("user-presence", "user-123", WITHIN);
    events.await().type(EventType.MAP_ITEM_REMOVED).after(removed).absentFor(Duration.ofMillis(300));
  }

  @Test
  void noWebhookWhenNothingChanges(SyncEvents events) {
    assertThat(presence.goOffline("user-never-seen")).isFalse();

    events.await().absentFor(Duration.ofMillis(500)); // not even a map_created: goOffline creates nothing
  }
}
