package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.internal.journal.JournalHooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redelivery that arrives while the first delivery is still being written waits for it: it is
 * a duplicate only if the first was recorded. If the first's write fails, the redelivery is the
 * one accepted, so a sender is never answered 200 "duplicate" of an event that does not exist.
 */
class RedeliveryOfAPendingFirstTest {
  private static final Map<String, String> TOKEN = Map.of("I-Twilio-Idempotency-Token", "idem-7");

  @TempDir
  Path dir;

  @Test
  void whenTheFirstDeliveryFailsToBeWrittenTheRedeliveryIsAccepted() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(dir.resolve("e.jsonl")).build())) {
      AtomicInteger writes = new AtomicInteger();
      JournalHooks.beforeWrite(receiver.journal(), () -> {
        if (writes.incrementAndGet() == 1) {
          await().atMost(Duration.ofSeconds(10)).until(() -> receiver.redeliveries().waiting() == 1);
          throw new IOException("No space left on device");
        }
      });

      Replies replies = firstThenRetryWhileTheFirstIsWritten(receiver, writes);

      assertThat(replies.first.status()).isEqualTo(503);
      assertThat(replies.retry.status()).isEqualTo(200);
      assertThat(replies.retry.json().get("result").asText()).isEqualTo("accepted");
      assertThat(receiver.events().all()).singleElement().satisfies(event -> {
        assertThat(event.status()).isEqualTo(EventStatus.ACCEPTED);
        assertThat(event.duplicateOf()).isNull();
        assertThat(event.id()).isEqualTo(replies.retry.json().get("id").asLong());
      });
    }
  }

  @Test
  void whenTheFirstDeliveryIsWrittenTheWaitingRedeliveryIsItsDuplicate() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(dir.resolve("e.jsonl")).build())) {
      AtomicInteger writes = new AtomicInteger();
      JournalHooks.beforeWrite(receiver.journal(), () -> {
        if (writes.incrementAndGet() == 1) {
          await().atMost(Duration.ofSeconds(10)).until(() -> receiver.redeliveries().waiting() == 1);
        }
      });

      Replies replies = firstThenRetryWhileTheFirstIsWritten(receiver, writes);

      long firstId = replies.first.json().get("id").asLong();
      assertThat(replies.first.json().get("result").asText()).isEqualTo("accepted");
      assertThat(replies.retry.json().get("result").asText()).isEqualTo("duplicate");
      assertThat(replies.retry.json().get("duplicateOf").asLong()).isEqualTo(firstId);
      assertThat(receiver.events().all()).extracting(SyncEvent::status)
          .containsExactly(EventStatus.ACCEPTED, EventStatus.DUPLICATE);
    }
  }

  private record Replies(WebhookClient.Reply first, WebhookClient.Reply retry) {}

  private static Replies firstThenRetryWhileTheFirstIsWritten(SyncReceiver receiver, AtomicInteger writes)
      throws Exception {
    byte[] body = Webhooks.mapItemUpdated().eventId(7).build().encode().getBytes(StandardCharsets.UTF_8);
    CompletableFuture<WebhookClient.Reply> first = CompletableFuture.supplyAsync(
        () -> WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body, TOKEN));
    await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() == 1);
    WebhookClient.Reply retry = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body, TOKEN);
    return new Replies(first.get(10, TimeUnit.SECONDS), retry);
  }
}
