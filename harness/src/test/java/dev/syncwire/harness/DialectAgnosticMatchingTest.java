package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_ADDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A type name from either dialect finds an event sent in either dialect. */
class DialectAgnosticMatchingTest extends ReceiverPerClass {
  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

  @Test
  void seedMapItemCreatedSatisfiesTheRealTypeConstant() {
    poster.post(Webhooks.mapItemAdded().seedDialect().map("user-presence").key("user-123"));

    SyncEvent e = events.await().type(MAP_ITEM_ADDED).object("user-presence").key("user-123").within(TWO_SECONDS);

    assertThat(e.eventType()).isEqualTo("map_item_created");
    assertThat(e.dialect()).isEqualTo(Dialect.SEED);
  }

  @Test
  void seedNameFindsARealMapItemAdded() {
    poster.post(Webhooks.mapItemAdded().map("user-presence").key("user-123"));

    SyncEvent e = events.await().type("map_item_created").key("user-123").within(TWO_SECONDS);

    assertThat(e.eventType()).isEqualTo("map_item_added");
    assertThat(e.dialect()).isEqualTo(Dialect.REAL);
  }

  @Test
  void theShortcutFindsEitherDialect() {
    poster.post(Webhooks.listItemAdded().seedDialect().list("activity-feed"));

    assertThat(events.awaitListItemAdded("activity-feed", TWO_SECONDS).eventType()).isEqualTo("list_item_created");
  }

  @Test
  void descriptionNamesBothDialects() {
    assertThat(EventMatcher.event("map_item_created").key("user-123").description())
        .isEqualTo("a map_item_added (either dialect: map_item_added or map_item_created) with key \"user-123\"");
    assertThat(EventMatcher.event("map_item_removed").description()).isEqualTo("a map_item_removed");
  }

  @Test
  void anUnknownTypeNameIsRefusedWithTheNamesThereAre() {
    assertThatThrownBy(() -> events.await().type("map_item_deleted"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"map_item_deleted\" is not a Sync event type")
        .hasMessageContaining("map_item_removed")
        .hasMessageContaining("map_item_created");
  }
}
