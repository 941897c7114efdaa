package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_REMOVED;
import static dev.syncwire.fixtures.EventType.MAP_ITEM_UPDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code await()...within(d)} and the shortcuts: the first match, already recorded or still to come, or a message that says what came instead. */
@Timeout(30)
class AwaitWithinTest {
  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
  private static SyncReceiver receiver;
  private static WebhookPoster poster;
  private SyncEvents events;

  @BeforeAll
  static void start() {
    receiver = WebhookPoster.startReceiver();
    poster = new WebhookPoster(receiver);
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @BeforeEach
  void scope() {
    events = SyncEvents.of(receiver);
  }

  @AfterEach
  void close() {
    events.close();
  }

  @Test
  void returnsAnEventRecordedBeforeTheAwait() {
    assertThat(poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-123"))).isEqualTo(200);

    SyncEvent removed = events.awaitMapItemRemoved("user-presence", "user-123", TWO_SECONDS);

    assertThat(removed.canonicalType()).isEqualTo(MAP_ITEM_REMOVED);
    assertThat(removed.itemKey()).isEqualTo("user-123");
  }

  @Test
  void wakesWhenTheEventArrivesWhileWaiting() {
    CompletableFuture<Integer> posted = poster.postWhenWaiting(events,
        Webhooks.mapItemUpdated().map("user-presence").key("user-123").dataOf(Map.of("status", "offline")));

    SyncEvent updated = events.await().type(MAP_ITEM_UPDATED).object("user-presence").key("user-123")
        .data("status", "offline").within(TWO_SECONDS);

    assertThat(posted.join()).isEqualTo(200);
    assertThat(updated.data().get("status").asText()).isEqualTo("offline");
  }

  @Test
  void returnsTheFirstMatchByIdWhenSeveralAreRecorded() {
    poster.post(Webhooks.listItemAdded().list("activity-feed").index(1));
    poster.post(Webhooks.listItemAdded().list("activity-feed").index(2));

    SyncEvent first = events.awaitListItemAdded("activity-feed", TWO_SECONDS);

    assertThat(first.itemIndex()).isEqualTo(1L);
  }

  @Test
  void ignoresEventsRecordedBeforeTheSyncEventsWasCreatedOrReset() {
    poster.post(Webhooks.documentUpdated().document("call-state"));
    events.reset();

    assertThatThrownBy(() -> events.awaitDocumentUpdated("call-state", Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("No events arrived after #");
  }

  @Test
  void afterAnEventWaitsForTheNextOne() {
    poster.post(Webhooks.mapItemUpdated().map("user-presence").key("user-123"));
    SyncEvent first = events.awaitMapItemUpdated("user-presence", "user-123", TWO_SECONDS);
    CompletableFuture<Integer> posted = poster.postWhenWaiting(events,
        Webhooks.mapItemUpdated().map("user-presence").key("user-123"));

    SyncEvent next = events.await().type(MAP_ITEM_UPDATED).key("user-123").after(first).within(TWO_SECONDS);

    assertThat(posted.join()).isEqualTo(200);
    assertThat(next.id()).isGreaterThan(first.id());
  }

  @Test
  void matchesDataByTopLevelFieldJsonPointerAndNumericValue() {
    poster.post(Webhooks.documentUpdated().document("call-state")
        .data("{\"stage\":\"survey\",\"caller\":{\"id\":\"user-9\"},\"attempt\":2.0}"));

    SyncEvent e = events.await().type("document_updated").object("call-state")
        .data("stage", "survey").data("/caller/id", "user-9").data("attempt", 2)
        .dataMatching("with a caller", d -> d.has("caller")).within(TWO_SECONDS);

    assertThat(e.objectName()).isEqualTo("call-state");
  }

  @Test
  void shortcutsCoverTheCommonTypes() {
    poster.post(Webhooks.mapItemAdded().map("m").key("k"));
    poster.post(Webhooks.listItemRemoved().list("l").index(4));
    poster.post(Webhooks.streamMessagePublished().stream("typing-indicators"));

    assertThat(events.awaitMapItemAdded("m", "k", TWO_SECONDS).itemKey()).isEqualTo("k");
    assertThat(events.awaitListItemRemoved("l", 4, TWO_SECONDS).itemIndex()).isEqualTo(4L);
    String stream = WebhookBuilder.sidFor("TO", "typing-indicators");
    assertThat(events.awaitStreamMessagePublished(stream, TWO_SECONDS).objectSid()).isEqualTo(stream);
    assertThat(events.awaitStreamMessagePublished(stream, TWO_SECONDS).objectName())
        .isNull(); // no StreamUniqueName: no source shows Twilio sending one
  }

  @Test
  void timeOutNamesTheExpectationTheLimitAndListsTheNearMissFirst() {
    poster.post(Webhooks.documentUpdated().document("call-state"));
    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-456"));
    poster.post(Webhooks.mapItemUpdated().map("user-presence").key("user-123"));

    long start = System.nanoTime();
    assertThatThrownBy(() -> events.await().type(MAP_ITEM_REMOVED).object("user-presence").key("user-123")
        .data("status", "offline").alias("presence cleared").within(Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected presence cleared (a map_item_removed for object \"user-presence\","
            + " key \"user-123\", data.status = \"offline\") within 300 milliseconds, but none arrived.")
        .hasMessageContaining("Received 3 events")
        .hasMessageContaining("closest match first, times from the start of the wait:\n")
        .hasMessageContaining("map_item_removed user-presence/user-456: key was \"user-456\", data.status was \"online\"\n")
        .satisfies(e -> {
          String m = e.getMessage();
          assertThat(m.indexOf("user-presence/user-456")).isLessThan(m.indexOf("map_item_updated"));
          assertThat(m.indexOf("map_item_updated")).isLessThan(m.indexOf("document_updated"));
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aRedeliveryDoesNotSatisfyAPlainAwaitButCanBeAskedFor() {
    var webhook = WebhookPoster.distinct(Webhooks.mapItemUpdated().map("user-presence").key("user-777"));
    poster.postAsIs(webhook);
    poster.postAsIs(webhook);
    SyncEvent first = events.awaitMapItemUpdated("user-presence", "user-777", TWO_SECONDS);

    assertThatThrownBy(() -> events.await().type(MAP_ITEM_UPDATED).key("user-777").after(first)
        .within(Duration.ofMillis(100)))
        .hasMessageContaining("was a redelivery of #" + first.id() + " (duplicate)");
    SyncEvent again = events.await().type(MAP_ITEM_UPDATED).key("user-777").after(first)
        .status(EventStatus.ACCEPTED, EventStatus.DUPLICATE).within(TWO_SECONDS);
    assertThat(again.duplicateOf()).isEqualTo(first.id());
  }

  @Test
  void listsAtMostTwentyEvents() {
    for (int i = 0; i < 25; i++) {
      poster.post(Webhooks.listItemAdded().list("activity-feed").index(i));
    }

    assertThatThrownBy(() -> events.await().type("list_item_removed").within(Duration.ZERO))
        .hasMessageContaining("within 0 seconds")
        .hasMessageContaining("Received 25 events")
        .hasMessageEndingWith("... and 5 more");
  }
}
