package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_REMOVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A rejected webhook that meets every other criterion ends the await at once with the reason. */
class RejectedWebhookFailFastTest extends ReceiverPerClass {
  private static final Duration LONG = Duration.ofSeconds(10);

  @Test
  void aBadlySignedMatchEndsAWaitingAwaitAtOnce() {
    CompletableFuture<Integer> posted = WebhookPoster.whenWaiting(events,
        () -> poster.postBadlySigned(Webhooks.mapItemRemoved().map("user-presence").key("user-123")));
    long start = System.nanoTime();

    assertThatThrownBy(() -> events.awaitMapItemRemoved("user-presence", "user-123", LONG))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected a map_item_removed for object \"user-presence\", key \"user-123\" within"
            + " 10 seconds: a matching webhook arrived but was rejected: X-Twilio-Signature does not match")
        .hasMessageContaining("map_item_removed user-presence/user-123 (rejected)")
        .hasMessageContaining("status(ACCEPTED, REJECTED)");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(posted.join()).isEqualTo(403);
  }

  @Test
  void aRejectedMatchAlreadyRecordedFailsTooUnlessAnAcceptedOneIsThere() {
    poster.postBadlySigned(Webhooks.mapItemRemoved().map("user-presence").key("user-8"));

    assertThatThrownBy(() -> events.awaitMapItemRemoved("user-presence", "user-8", LONG))
        .hasMessageContaining("a matching webhook arrived but was rejected");

    poster.post(Webhooks.mapItemRemoved().map("user-presence").key("user-8"));
    assertThat(events.awaitMapItemRemoved("user-presence", "user-8", LONG).accepted()).isTrue();
  }

  @Test
  void rejectedOnesMatchWhenAskedFor() {
    poster.postBadlySigned(Webhooks.mapItemRemoved().map("user-presence").key("user-9"));

    SyncEvent rejected = events.await().type(MAP_ITEM_REMOVED).key("user-9")
        .status(EventStatus.ACCEPTED, EventStatus.REJECTED).within(LONG);

    assertThat(rejected.status()).isEqualTo(EventStatus.REJECTED);
    assertThat(rejected.errors()).isNotEmpty();
  }

  @Test
  void aRejectedWebhookForAnotherKeyIsOnlyListed() {
    poster.postBadlySigned(Webhooks.mapItemRemoved().map("user-presence").key("user-10"));

    assertThatThrownBy(() -> events.awaitMapItemRemoved("user-presence", "user-11", Duration.ofMillis(100)))
        .hasMessageContaining("but none arrived")
        .hasMessageContaining("(rejected): key was \"user-10\", was rejected: X-Twilio-Signature");
  }
}
