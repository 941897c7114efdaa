package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.DOCUMENT_REMOVED;
import static dev.syncwire.fixtures.EventType.MAP_ITEM_ADDED;
import static dev.syncwire.fixtures.EventType.MAP_ITEM_REMOVED;
import static dev.syncwire.harness.EventMatcher.event;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** AssertJ-style assertions on what is recorded, with the same listing as an await's failure. */
class SyncEventsAssertTest extends ReceiverPerClass {
  @Test
  void passesOnWhatWasRecorded() {
    poster.post(Webhooks.mapItemAdded().seedDialect().map("user-presence").key("user-123"));
    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-123"));
    events.awaitCount(event(), 2, Duration.ofSeconds(2));

    SyncEventsAssert.assertThat(events)
        .hasEventMatching(event(MAP_ITEM_REMOVED).key("user-123"))
        .hasNoEventMatching(event(DOCUMENT_REMOVED))
        .hasEventsMatching(event().object("user-presence"), 2)
        .containsTypes("map_item_created", MAP_ITEM_REMOVED)
        .recorded().extracting(SyncEvent::canonicalType).containsExactly(MAP_ITEM_ADDED, MAP_ITEM_REMOVED);
  }

  @Test
  void failsListingWhatWasRecorded() {
    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-456"));
    events.awaitCount(event(), 1, Duration.ofSeconds(2));

    assertThatThrownBy(() -> SyncEventsAssert.assertThat(events).hasEventMatching(event(MAP_ITEM_REMOVED).key("user-123")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a map_item_removed with key \"user-123\" to have been recorded, but none was.")
        .hasMessageContaining("map_item_removed user-presence/user-456: key was \"user-456\"");
    assertThatThrownBy(() -> SyncEventsAssert.assertThat(events).hasNoEventMatching(event(MAP_ITEM_REMOVED)))
        .hasMessageContaining("Expected no map_item_removed to have been recorded, but 1 was: #");
    assertThatThrownBy(() -> SyncEventsAssert.assertThat(events).containsTypes(MAP_ITEM_ADDED, MAP_ITEM_REMOVED))
        .hasMessageContaining("but none of [map_item_added] was recorded");
  }
}
