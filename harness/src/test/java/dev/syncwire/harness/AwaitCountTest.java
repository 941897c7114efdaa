package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.LIST_ITEM_ADDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code count(n)} and {@code awaitCount}: the first n matches, oldest first, or how many came. */
class AwaitCountTest extends ReceiverPerClass {
  @Test
  void returnsTheFirstNMatchesOldestFirst() {
    poster.post(Webhooks.listItemAdded().list("activity-feed").index(0));
    poster.post(Webhooks.listItemAdded().list("other-feed").index(1));
    poster.post(Webhooks.listItemAdded().list("activity-feed").index(2));
    CompletableFuture<Integer> third = poster.postWhenWaiting(events,
        Webhooks.listItemAdded().list("activity-feed").index(3));

    List<SyncEvent> added = events.awaitCount(EventMatcher.event(LIST_ITEM_ADDED).object("activity-feed"), 3,
        Duration.ofSeconds(2));

    assertThat(third.join()).isEqualTo(200);
    assertThat(added).extracting(SyncEvent::itemIndex).containsExactly(0L, 2L, 3L);
  }

  @Test
  void failsSayingHowManyArrivedAndWhich() {
    poster.post(Webhooks.listItemAdded().list("activity-feed").index(0));
    poster.post(Webhooks.listItemRemoved().list("activity-feed").index(0));

    assertThatThrownBy(() -> events.await().type(LIST_ITEM_ADDED).object("activity-feed").count(2)
        .within(Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected 2 events matching a list_item_added (either dialect: list_item_added or"
            + " list_item_created) for object \"activity-feed\" within 200 milliseconds, but only 1 arrived (#")
        .hasMessageContaining("list_item_added activity-feed/0: matches\n")
        .hasMessageContaining("list_item_removed activity-feed/0: type was list_item_removed");
  }

  @Test
  void refusesACountBelowOne() {
    assertThatThrownBy(() -> events.await().count(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use absentFor");
  }
}
