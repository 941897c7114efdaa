package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_ADDED;
import static dev.syncwire.fixtures.EventType.MAP_ITEM_REMOVED;
import static dev.syncwire.fixtures.EventType.MAP_ITEM_UPDATED;
import static dev.syncwire.harness.EventMatcher.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code inOrder(...)}: each step met by a later event than the one before, others may come between. */
class InOrderTest extends ReceiverPerClass {
  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

  @Test
  void passesWhenTheStepsArriveInOrderWithOthersBetween() {
    poster.post(Webhooks.mapItemAdded().map("user-presence").key("user-1"));
    poster.post(Webhooks.documentUpdated().document("call-state"));
    poster.post(Webhooks.mapItemUpdated().map("user-presence").key("user-1"));
    CompletableFuture<Integer> last = poster.postWhenWaiting(events,
        Webhooks.mapItemRemoved().map("user-presence").key("user-1"));

    List<SyncEvent> steps = events.inOrder(event(MAP_ITEM_ADDED).key("user-1"), event(MAP_ITEM_UPDATED).key("user-1"),
        event(MAP_ITEM_REMOVED).key("user-1")).within(TWO_SECONDS);

    assertThat(last.join()).isEqualTo(200);
    assertThat(steps).extracting(SyncEvent::canonicalType).containsExactly(MAP_ITEM_ADDED, MAP_ITEM_UPDATED,
        MAP_ITEM_REMOVED);
    assertThat(steps.get(0).id()).isLessThan(steps.get(1).id());
    assertThat(steps.get(1).id()).isLessThan(steps.get(2).id());
  }

  @Test
  void failsWhenAStepCameTooEarlyAndSaysSo() {
    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-2"));
    poster.post(Webhooks.mapItemAdded().map("user-presence").key("user-2"));

    assertThatThrownBy(() -> events.inOrder(event(MAP_ITEM_ADDED).key("user-2"), event(MAP_ITEM_REMOVED).key("user-2"))
        .within(Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected in order within 200 milliseconds:\n"
            + "  1. a map_item_added (either dialect: map_item_added or map_item_created) with key \"user-2\" -> #")
        .hasMessageContaining("2. a map_item_removed with key \"user-2\" -> MISSING: #")
        .hasMessageContaining("matched it but came before step 1's #")
        .hasMessageContaining("Step 2 was not met.\n");
  }

  @Test
  void aSingleEventCannotMeetTwoSteps() {
    poster.post(Webhooks.mapItemUpdated().map("user-presence").key("user-3"));

    assertThatThrownBy(() -> events.inOrder(event(MAP_ITEM_UPDATED).key("user-3"), event(MAP_ITEM_UPDATED).key("user-3"))
        .within(Duration.ofMillis(100)))
        .hasMessageContaining("2. a map_item_updated with key \"user-3\" -> MISSING");
  }

  @Test
  void reportsTheFirstMissingStepAndTheRestAsNotReached() {
    assertThatThrownBy(() -> events.inOrder(event(MAP_ITEM_ADDED).key("none"), event(MAP_ITEM_REMOVED).key("none"))
        .within(Duration.ofMillis(50)))
        .hasMessageContaining("1. a map_item_added (either dialect: map_item_added or map_item_created) with key \"none\" -> MISSING")
        .hasMessageContaining("2. a map_item_removed with key \"none\" -> not reached")
        .hasMessageContaining("No events arrived");
  }
}
