package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps what was acknowledged across a restart, and a crash's torn line never stops a start. */
class JournalRestartTest {
  @TempDir
  Path dir;

  @Test
  void eventsSurviveARestartWithTheirIdsFieldsAndExactBytes() {
    Path journal = dir.resolve("events.jsonl");
    List<SyncEvent> before;
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().data("{\"name\":\"Zoë 🚀\"}").build());
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.listItemAdded().seedDialect().index(3).build());
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().set("DocumentSid", "bad").build());
      before = receiver.events().all();
    }

    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      List<SyncEvent> after = restarted.events().all();
      assertThat(after).hasSize(3);
      for (int i = 0; i < 3; i++) {
        SyncEvent a = before.get(i);
        SyncEvent b = after.get(i);
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.receivedAt()).isEqualTo(a.receivedAt());
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.canonicalType()).isEqualTo(a.canonicalType());
        assertThat(b.params()).isEqualTo(a.params());
        assertThat(b.request().body()).isEqualTo(a.request().body());
        assertThat(b.errors()).isEqualTo(a.errors());
      }
      assertThat(after.get(0).data().get("name").asText()).isEqualTo("Zoë 🚀");
      assertThat(after.get(2).status()).isEqualTo(EventStatus.REJECTED);

      WebhookClient.Reply next = WebhookClient.postForm(restarted.webhookUrl(), Webhooks.mapItemRemoved().build());
      assertThat(next.json().get("id").asLong()).isEqualTo(4);
    }
  }

  @Test
  void bodiesComeBackByteForByteWhetherTheLineStoresThemOrTheParamsRebuildThem() throws IOException {
    Path journal = dir.resolve("events.jsonl");
    String asTwilioEncodes = Webhooks.mapItemAdded().key("user 1").data("{\"name\":\"Zoë\"}").build().encode();
    List<byte[]> sent = List.of(
        asTwilioEncodes.getBytes(StandardCharsets.UTF_8),
        asTwilioEncodes.replace("+", "%20").replace("%7B", "%7b").getBytes(StandardCharsets.UTF_8),
        (asTwilioEncodes + "&Tag=a&Tag=b").getBytes(StandardCharsets.UTF_8));
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      for (byte[] body : sent) {
        assertThat(WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body,
            java.util.Map.of()).status()).isEqualTo(200);
      }
    }
    List<String> lines = Files.readAllLines(journal);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(lines).extracting(line -> json.readTree(line).has("body"))
        .as("only the body the params cannot rebuild is stored")
        .containsExactly(false, true, true);

    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      assertThat(restarted.events().all()).extracting(e -> e.request().body())
          .containsExactlyElementsOf(sent);
    }
  }

  @Test
  void aTornLastLineFromACrashIsSkippedAndTheReceiverStarts() throws IOException {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().build());
    }
    Files.write(journal, "{\"id\":2,\"status\":\"accep".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      assertThat(restarted.events().all()).extracting(SyncEvent::id).containsExactly(1L);
      WebhookClient.Reply next = WebhookClient.postForm(restarted.webhookUrl(), Webhooks.mapItemRemoved().build());
      assertThat(next.status()).isEqualTo(200);
    }
    try (SyncReceiver again = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      assertThat(again.events().all()).extracting(SyncEvent::id).containsExactly(1L, 2L);
    }
  }

  @Test
  void aRedeliveryAfterARestartIsStillRecognised() {
    Path journal = dir.resolve("events.jsonl");
    var params = Webhooks.mapItemUpdated().eventId(9).build();
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.postForm(receiver.webhookUrl(), params);
    }
    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.Reply again = WebhookClient.postForm(restarted.webhookUrl(), params);

      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().get("result").asText()).isEqualTo("duplicate");
      assertThat(again.json().get("duplicateOf").asLong()).isEqualTo(1);
    }
  }

  @Test
  void theJournalHoldsOneJsonLinePerEventInTheDocumentedShape() throws IOException {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().seedDialect().build());
    }

    List<String> lines = Files.readAllLines(journal);
    assertThat(lines).hasSize(1);
    var json = WebhookClient.JSON.readTree(lines.get(0));
    assertThat(json.fieldNames()).toIterable().contains("id", "receivedAt", "status", "eventType", "canonicalType",
        "dialect", "accountSid", "serviceSid", "objectType", "objectSid", "objectName", "itemKey", "itemIndex",
        "revision", "data", "signature", "params", "headers", "errors");
    assertThat(json.get("eventType").asText()).isEqualTo("map_item_created");
    assertThat(json.get("canonicalType").asText()).isEqualTo("map_item_added");
    assertThat(json.get("dialect").asText()).isEqualTo("seed");
    assertThat(json.get("data").get("status").asText()).isEqualTo("online");
  }

  @Test
  void prettyPrintedDataWithLineBreaksIsJournaledAsOneLineAndReadsBack() throws IOException {
    Path journal = dir.resolve("events.jsonl");
    String pretty = "{\n  \"stage\": \"menu\",\r\n  \"selections\": [1, 2]\n}";
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().data(pretty).build());
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    assertThat(Files.readAllLines(journal)).hasSize(1);
    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      SyncEvent event = restarted.events().all().get(0);
      assertThat(event.data().get("stage").asText()).isEqualTo("menu");
      assertThat(event.params().get("DocumentData")).isEqualTo(pretty);
    }
  }

  @Test
  void dataNestedAsDeepAsAllowedAndAVeryLongParamNameComeBackAfterARestart() {
    // Data may nest 1000 deep; in the line it sits one level deeper. A param name may be longer
    // than Jackson's default name limit. Both were answered 200, then skipped on restart.
    Path journal = dir.resolve("events.jsonl");
    String deepest = "[".repeat(1000) + "]".repeat(1000);
    String longName = "x".repeat(60_000);
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      assertThat(WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().data(deepest).build())
          .status()).isEqualTo(200);
      assertThat(WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().set(longName, "1").build())
          .status()).isEqualTo(200);
    }

    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      List<SyncEvent> after = restarted.events().all();
      assertThat(after).extracting(SyncEvent::id).containsExactly(1L, 2L);
      assertThat(after.get(0).webhook().dataText()).isEqualTo(deepest);
      assertThat(after.get(1).params().get(longName)).isEqualTo("1");
      assertThat(WebhookClient.postForm(restarted.webhookUrl(), Webhooks.mapItemRemoved().build()).json()
          .get("id").asLong()).isEqualTo(3);
    }
  }

  @Test
  void theIdOfALineThatCannotBeReadBackIsNeverGivenToAnotherEvent() throws IOException {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().build());
    }
    // a JSON object, so the journal keeps it, but not an event this version can read
    Files.writeString(journal, "{\"id\":7,\"status\":\"from-the-future\"}\n", StandardOpenOption.APPEND);

    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      assertThat(restarted.events().all()).extracting(SyncEvent::id).containsExactly(1L);
      WebhookClient.Reply next = WebhookClient.postForm(restarted.webhookUrl(), Webhooks.mapItemRemoved().build());
      assertThat(next.json().get("id").asLong()).isEqualTo(8);
    }
  }

  @Test
  void aJournalLargerThanTheCapLoadsTheNewestEventsAndStillCountsEveryOne() {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      for (int i = 0; i < 10; i++) {
        WebhookClient.postForm(receiver.webhookUrl(), i % 4 == 0
            ? Webhooks.mapItemAdded().key("k" + i).set("MapSid", "bad").build()
            : Webhooks.mapItemAdded().key("k" + i).eventId(i).build());
      }
    }

    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().journal(journal).maxEvents(3).build())) {
      assertThat(restarted.events().all()).extracting(SyncEvent::id).containsExactly(8L, 9L, 10L);
      var health = WebhookClient.get(restarted.baseUrl().resolve("/health")).json();
      assertThat(health.get("dropped").asLong()).isEqualTo(7);
      assertThat(health.get("accepted").asLong()).isEqualTo(7);
      assertThat(health.get("rejected").asLong()).isEqualTo(3);
      assertThat(WebhookClient.postForm(restarted.webhookUrl(), Webhooks.mapItemRemoved().build()).json()
          .get("id").asLong()).isEqualTo(11);
    }
  }

  @Test
  void aHandEditedIdNearTheLargestLongIsRefusedAtStartInsteadOfOverflowing() throws IOException {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().build());
    }
    String line = Files.readString(journal).strip();
    Files.writeString(journal, line.replaceFirst("^\\{\"id\":1,", "{\"id\":" + Long.MAX_VALUE + ",") + "\n");

    assertThatThrownBy(() -> SyncReceiver.start(ReceiverConfig.builder().journal(journal).build()))
        .hasMessageContaining("holds the event id " + Long.MAX_VALUE)
        .hasMessageContaining("Fix that id or start a new journal");
  }
}
