package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.internal.journal.JournalHooks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal that can no longer write shows on every answer and in /health, not only in the log. */
class JournalFailureOverHttpTest {
  @TempDir
  Path dir;

  @Test
  void aStoppedJournalAnswers503AndHealthSaysFailingWithTheReason() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(dir.resolve("e.jsonl")).build())) {
      assertThat(WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().build()).status()).isEqualTo(200);
      assertThat(health(receiver).get("status").asText()).isEqualTo("ok");
      assertThat(health(receiver).get("journal").get("stoppedBecause").isNull()).isTrue();

      JournalHooks.breakFile(receiver.journal());
      WebhookClient.Reply failed = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemRemoved().build());

      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.json().get("error").asText()).isEqualTo("journal_unavailable");
      assertThat(failed.json().get("message").asText()).contains("it was not recorded, retry the delivery");
      JsonNode health = health(receiver);
      assertThat(health.get("status").asText()).isEqualTo("failing");
      assertThat(health.get("journal").get("stoppedBecause").asText()).contains("e.jsonl", "stopped");
      assertThat(receiver.events().all()).hasSize(1);
    }
  }

  private static JsonNode health(SyncReceiver receiver) {
    return WebhookClient.get(receiver.baseUrl().resolve("/health")).json();
  }
}
