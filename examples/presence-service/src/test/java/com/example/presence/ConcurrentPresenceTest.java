package com.example.presence;

import static dev.syncwire.harness.EventMatcher.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncStream;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The parallel-safe style: one receiver and one fake for the whole class (started once), a fresh
 * Sync service per test, tests running at the same time. Each test's {@code SyncEvents} sees only
 * its own service's webhooks, so every test can use the same names ({@code user-presence},
 * {@code user-123}) without seeing another's events.
 *
 * <p>What is shared stays off limits here: the fake's clock (advancing it would expire every
 * running test's items) and its faults (a rule matches any service's requests unless its path
 * names the service). Keep TTL and fault tests in per-method classes like PresenceServiceTest.
 */
@Execution(ExecutionMode.CONCURRENT)
class ConcurrentPresenceTest {
  @RegisterExtension
  static SyncWireExtension sync = SyncWireExtension.builder().perClass().awaitTimeout(Duration.ofSeconds(5))
      .streamWebhooks(true).build();

  @BeforeAll
  static void oneFakeForTheClass(SyncApiFake fake) {
    assertThat(fake.baseUrl()).startsWith("http://127.0.0.1:");
  }

  @RepeatedTest(4)
  void heartbeatThenOffline(TwilioRestClient client, @SyncServiceSid String serviceSid, SyncEvents events) {
    PresenceService presence = new PresenceService(client, serviceSid);

    presence.heartbeat("user-123", "online", "web");
    presence.heartbeat("user-123", "away", "web");
    presence.goOffline("user-123");

    events.inOrder(
        event(EventType.MAP_ITEM_ADDED).key("user-123").data("status", "online"),
        event(EventType.MAP_ITEM_UPDATED).key("user-123").data("status", "away"),
        event(EventType.MAP_ITEM_REMOVED).key("user-123"))
        .arrives();
    assertThat(events.recorded()).allSatisfy(e -> assertThat(e.serviceSid()).isEqualTo(serviceSid));
  }

  @Test
  void activityInItsOwnService(TwilioRestClient client, @SyncServiceSid String serviceSid, SyncEvents events) {
    ActivityFeed feed = new ActivityFeed(client, serviceSid);
    feed.add("user-123", "joined", Map.of("room", "lobby"));
    feed.add("user-123", "left", Map.of("room", "lobby"));

    events.await().type(EventType.LIST_ITEM_ADDED).object("activity-feed").count(2).arrives();
    assertThat(feed.recent(10)).extracting(Activity::action).containsExactly("left", "joined");
  }

  @Test
  void typingInItsOwnService(TwilioRestClient client, @SyncServiceSid String serviceSid, SyncEvents events) {
    new TypingIndicator(client, serviceSid).publish("room-7", "user-123", true);

    String stream = SyncStream.fetcher(serviceSid, TypingIndicator.STREAM).fetch(client).getSid();
    events.awaitStreamMessagePublished(stream, Duration.ofSeconds(5));
    events.await().type(EventType.MAP_ITEM_ADDED).absentFor(Duration.ofMillis(200)); // no other test's heartbeats
  }
}
