package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_REMOVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code absentFor} / {@code assertNoEvent}: the whole window when nothing comes, at once when something does. */
class AbsenceTest extends ReceiverPerClass {
  private static final Duration WINDOW = Duration.ofMillis(400);

  @Test
  void waitsTheWholeWindowWhenNothingMatches() {
    poster.post(Webhooks.mapItemUpdated().map("user-presence").key("user-123"));

    long start = System.nanoTime();
    events.assertNoEvent(EventMatcher.event(MAP_ITEM_REMOVED).object("user-presence"), WINDOW);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WINDOW);
  }

  @Test
  void failsAsSoonAsAMatchArrivesNamingIt() {
    CompletableFuture<Integer> posted = poster.postWhenWaiting(events,
        Webhooks.mapItemRemoved().map("user-presence").key("user-123"));
    Duration window = Duration.ofSeconds(10);

    long start = System.nanoTime();
    assertThatThrownBy(() -> events.await().type(MAP_ITEM_REMOVED).object("user-presence").absentFor(window))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected no map_item_removed for object \"user-presence\" for 10 seconds, but #")
        .hasMessageContaining("map_item_removed user-presence/user-123 matched: it arrived +");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(posted.join()).isEqualTo(200);
  }

  @Test
  void aMatchAlreadyRecordedInScopeFailsItWithAHint() {
    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-123"));

    assertThatThrownBy(() -> events.assertNoEvent(EventMatcher.event(MAP_ITEM_REMOVED), WINDOW))
        .hasMessageContaining("it was already recorded")
        .hasMessageContaining("use after(event) or reset()");
  }

  @Test
  void afterScopesTheWindowToLaterEvents() {
    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-123"));
    SyncEvent removed = events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofSeconds(2));

    events.assertNoEvent(EventMatcher.event(MAP_ITEM_REMOVED).after(removed), Duration.ofMillis(100));
  }

  @Test
  void aRedeliveryIsNotAMatchByDefault() {
    var webhook = WebhookPoster.distinct(Webhooks.mapItemRemoved().map("user-presence").key("user-5"));
    poster.postAsIs(webhook);
    SyncEvent first = events.awaitMapItemRemoved("user-presence", "user-5", Duration.ofSeconds(2));
    poster.postAsIs(webhook);

    events.assertNoEvent(EventMatcher.event(MAP_ITEM_REMOVED).after(first), Duration.ofMillis(100));
  }

  @Test
  void refusesAnEmptyWindow() {
    assertThatThrownBy(() -> events.await().absentFor(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be more than zero; received PT0S");
  }
}
