package dev.syncwire.receiver.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events journaled by one receiver, replayed with sendRaw into a second: same bytes, signatures valid when re-signed. */
class ReplayIntoSecondReceiverTest {
  static final String TOKEN = "replay-token-0123456789abcdef";

  @TempDir
  Path dir;

  List<SyncEvent> recordSome() throws IOException {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver first = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).journal(journal).build())) {
      WebhookSender sender = WebhookSender.to(first.webhookUrl()).authToken(TOKEN);
      for (EventType type : EventType.values()) {
        assertThat(sender.send(Webhooks.of(type).data("{\"note\":\"Zoé 🎉 & = + %\"}")).isSuccess()).isTrue();
      }
      assertThat(sender.send(Webhooks.mapItemAdded().seedDialect()).isSuccess()).isTrue();
    }
    return Files.readAllLines(journal, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
        .map(SyncEventJson::read).toList();
  }

  @Test
  void reSignedReplayArrivesByteIdenticalWithValidSignatures() throws IOException {
    List<SyncEvent> recorded = recordSome();
    assertThat(recorded).hasSize(EventType.values().length + 1);

    try (SyncReceiver second = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).webhookPath("/elsewhere").build())) {
      WebhookSender replay = WebhookSender.to(second.webhookUrl()).authToken(TOKEN);
      for (SyncEvent event : recorded) {
        WebhookSender.Result result = replay.sendRaw(event.request());
        assertThat(result.status()).as(event + ": " + result.body()).isEqualTo(200);
      }
      List<SyncEvent> replayed = second.events().all();
      assertThat(replayed).hasSameSizeAs(recorded);
      for (int i = 0; i < recorded.size(); i++) {
        RawRequest before = recorded.get(i).request();
        RawRequest after = replayed.get(i).request();
        assertThat(after.body()).as("body of " + recorded.get(i)).isEqualTo(before.body());
        assertThat(after.contentType()).isEqualTo(before.contentType());
        assertThat(after.header("I-Twilio-Idempotency-Token")).isEqualTo(before.header("I-Twilio-Idempotency-Token"));
        assertThat(after.header("User-Agent")).isEqualTo(before.header("User-Agent"));
        assertThat(replayed.get(i).signature()).isEqualTo(SignatureVerdict.VALID);
        assertThat(replayed.get(i).accepted()).isTrue();
      }
    }
  }

  @Test
  void replayWithoutATokenSendsTheRecordedSignatureWhichOnlyHoldsForTheSignedUrl() throws IOException {
    SyncEvent recorded = recordSome().get(0);

    try (SyncReceiver second = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      WebhookSender.Result result = WebhookSender.to(second.webhookUrl()).sendRaw(recorded.request());

      assertThat(result.status()).as("another port is another URL").isEqualTo(403);
      assertThat(result.signature()).isEqualTo(recorded.request().header(TwilioSignature.HEADER));
      assertThat(second.events().latest().orElseThrow().request().body()).isEqualTo(recorded.request().body());
    }
  }

  @Test
  void aJsonBodyIsReSignedWithItsHashAddedToTheUrl() {
    byte[] body = "{\"EventType\":\"document_updated\",\"DocumentData\":{\"name\":\"Zoé\"}}".getBytes(StandardCharsets.UTF_8);
    RawRequest json = new RawRequest("POST", "/webhooks", "application/json", Map.of(), body);

    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      WebhookSender.Result result = WebhookSender.to(receiver.webhookUrl()).authToken(TOKEN).sendRaw(json);

      assertThat(result.url().getQuery()).isEqualTo("bodySHA256=" + TwilioSignature.bodySha256(body));
      SyncEvent event = receiver.events().latest().orElseThrow();
      assertThat(event.signature()).as(event.errors().toString()).isEqualTo(SignatureVerdict.VALID);
      assertThat(event.request().body()).isEqualTo(body);
    }
  }
}
