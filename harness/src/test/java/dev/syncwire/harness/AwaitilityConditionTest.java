package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_REMOVED;
import static dev.syncwire.harness.EventMatcher.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** {@code events.received(matcher)} as an Awaitility condition, for suites that already use Awaitility. */
class AwaitilityConditionTest extends ReceiverPerClass {
  @Test
  void untilReceivedCompletesOnceTheEventArrives() {
    CompletableFuture<Integer> posted = CompletableFuture.supplyAsync(
        () -> poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-123")));

    // Generous: the first POST of a fresh JVM on a loaded 2-core machine took over 2 s once; the test is about completing.
    await().atMost(10, TimeUnit.SECONDS)
        .until(events.received(event(MAP_ITEM_REMOVED).object("user-presence").key("user-123")));

    assertThat(posted.join()).isEqualTo(200);
  }

  @Test
  void timesOutAsAwaitilityDoesWhenNothingMatches() {
    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-456"));

    assertThatThrownBy(() -> await().atMost(Duration.ofMillis(300))
        .until(events.received(event(MAP_ITEM_REMOVED).key("user-123"))))
        .isInstanceOf(ConditionTimeoutException.class)
        .hasMessageContaining("300 milliseconds");
  }

  @Test
  void aRejectedMatchEndsTheAwaitilityWaitToo() {
    poster.postBadlySigned(Webhooks.mapItemRemoved().map("user-presence").key("user-789"));

    assertThatThrownBy(() -> await().atMost(Duration.ofSeconds(10))
        .until(events.received(event(MAP_ITEM_REMOVED).key("user-789"))))
        .hasStackTraceContaining("a matching webhook arrived but was rejected");
  }

  @Test
  void theConditionDescribesItself() {
    assertThat(events.received(event(MAP_ITEM_REMOVED).key("k")))
        .hasToString("events.received(a map_item_removed with key \"k\")");
  }
}
