package com.example.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SyncWireTest
class ActivityFeedTest {
  static final Duration WITHIN = Duration.ofSeconds(2);

  ActivityFeed feed;

  @BeforeEach
  void wire(TwilioRestClient client, @SyncServiceSid String serviceSid) {
    feed = new ActivityFeed(client, serviceSid);
  }

  @Test
  void recentActivityIsNewestFirst(SyncEvents events) {
    feed.add("user-1", "joined", Map.of("room", "lobby"));
    feed.add("user-2", "joined", Map.of("room", "lobby"));
    feed.add("user-1", "left", null);

    List<SyncEvent> added = events.await().type(EventType.LIST_ITEM_ADDED).object("activity-feed").count(3)
        .within(WITHIN);
    assertThat(added).extracting(e -> e.data().get("action").asText()).containsExactly("joined", "joined", "left");

    assertThat(feed.recent(2)).extracting(Activity::userId, Activity::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("user-1", "left"),
            org.assertj.core.groups.Tuple.tuple("user-2", "joined"));
  }

  @Test
  void anEmptyFeedHasNoActivity(SyncEvents events) {
    assertThat(feed.recent(20)).isEmpty();

    events.await().type(EventType.LIST_CREATED).absentFor(Duration.ofMillis(300)); // reading creates nothing
  }
}
