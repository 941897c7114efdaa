package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/events/{id}/replay, POST /api/events/import, GET /api/state and /api/config, and forwards across a restart. */
class ReplayAndImportApiTest {
  static final String TOKEN = ForwardingTest.TOKEN;

  @TempDir
  Path dir;

  private static WebhookClient.Reply postJson(URI url, String json) {
    return WebhookClient.post(url, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static long sendOne(SyncReceiver receiver) throws Exception {
    WebhookSender.Result sent = WebhookSender.to(receiver.webhookUrl()).authToken(TOKEN)
        .send(Webhooks.mapItemUpdated().key("user-1").data("{\"status\":\"online\"}").build());
    return WebhookClient.JSON.readTree(sent.body()).get("id").asLong();
  }

  @Test
  void aReplayIsReSignedForItsUrlCarriesReplayOfAndTheChangesAndIsAppendedAndStreamed() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      long id = sendOne(receiver);
      String token = receiver.events().all().get(0).request().header("I-Twilio-Idempotency-Token");
      HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          receiver.baseUrl().resolve("/api/events/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());

      URI target = handler.url().resolve("/sync?tenant=acme");
      WebhookClient.Reply reply = postJson(receiver.baseUrl().resolve("/api/events/" + id + "/replay"),
          "{\"url\":\"" + target + "\",\"params\":{\"ItemKey\":\"user-2\",\"Identity\":null,\"Extra\":\"x\"},"
              + "\"data\":{\"status\":\"away\"}}");
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.json().get("replay").asBoolean()).isTrue();
      assertThat(reply.json().get("status").asInt()).isEqualTo(200);
      assertThat(reply.json().get("url").asText()).isEqualTo(target.toString());

      SignatureCheckingHandler.Received got = handler.next();
      assertThat(got.valid()).as("RequestValidator accepts the re-signed replay").isTrue();
      assertThat(got.header("X-Syncwire-Replay-Of")).isEqualTo(Long.toString(id));
      assertThat(got.header("I-Twilio-Idempotency-Token")).isEqualTo(token);
      assertThat(got.params()).containsEntry("ItemKey", "user-2").containsEntry("ItemData", "{\"status\":\"away\"}")
          .containsEntry("Extra", "x").doesNotContainKey("Identity").doesNotContainKey("Data");

      JsonNode forwards = WebhookClient.get(receiver.baseUrl().resolve("/api/events/" + id)).json().get("forwards");
      assertThat(forwards).hasSize(1);
      assertThat(forwards.get(0).get("replay").asBoolean()).isTrue();

      WebhookClient.Reply withoutData = postJson(receiver.baseUrl().resolve("/api/events/" + id + "/replay"),
          "{\"url\":\"" + target + "\",\"data\":null}");
      assertThat(withoutData.status()).as(withoutData.body()).isEqualTo(200);
      SignatureCheckingHandler.Received second = handler.next();
      assertThat(second.valid()).isTrue();
      assertThat(second.params()).doesNotContainKey("ItemData").containsEntry("ItemKey", "user-1")
          .containsKey("Identity");

      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        List<String> frame = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.isEmpty()) {
            frame.add(line);
          } else if (frame.contains("event: forward")) {
            break;
          } else {
            frame.clear();
          }
        }
        assertThat(frame).noneMatch(l -> l.startsWith("id:"));
        JsonNode data = WebhookClient.JSON.readTree(frame.get(1).substring("data: ".length()));
        assertThat(data.get("eventId").asLong()).isEqualTo(id);
        assertThat(data.get("forward").get("replay").asBoolean()).isTrue();
      }
    }
  }

  @Test
  void aReplayWithoutAUrlGoesToTheForwardTargetOrIs409() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver forwarding = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).forwardTo(handler.url()).build());
        SyncReceiver plain = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      long id = sendOne(forwarding);
      handler.next(); // the forward
      WebhookClient.Reply reply = WebhookClient.post(forwarding.baseUrl().resolve("/api/events/" + id + "/replay"),
          null, new byte[0], Map.of());
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(handler.next().header("X-Syncwire-Replay-Of")).isEqualTo(Long.toString(id));
      await().until(() -> WebhookClient.get(forwarding.baseUrl().resolve("/api/events/" + id)).json()
          .get("forwards").size() == 2);

      long other = sendOne(plain);
      WebhookClient.Reply conflict = postJson(plain.baseUrl().resolve("/api/events/" + other + "/replay"), "{}");
      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.json().get("field").asText()).isEqualTo("url");
      assertThat(conflict.json().get("message").asText()).contains("--forward-to");
    }
  }

  @Test
  void badReplaysAre4xxNamingFieldRuleAndValue() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      long id = sendOne(receiver);
      URI replay = receiver.baseUrl().resolve("/api/events/" + id + "/replay");
      WebhookClient.Reply unknown = postJson(receiver.baseUrl().resolve("/api/events/999/replay"), "{}");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().get("field").asText()).isEqualTo("id");

      assertError(postJson(replay, "{\"url\":\"ftp://x/y\"}"), "url", "http_url", "ftp://x/y");
      assertError(postJson(replay, "{\"url\":\"not a url\"}"), "url", "http_url", "not a url");
      assertError(postJson(replay, "{\"nope\":1}"), "nope", "unknown_field", "nope");
      assertError(postJson(replay, "{\"params\":{\"ItemKey\":{\"a\":1}}}"), "params.ItemKey", "type", null);
      assertError(postJson(replay, "{\"url\":"), "body", "json", "{\"url\":");
      assertError(postJson(replay, "[1]"), "body", "type", null);
      assertError(postJson(receiver.baseUrl().resolve("/api/events/x/replay"), "{}"), "id", "non_negative_integer", "x");
      WebhookClient.Reply get = WebhookClient.get(replay);
      assertThat(get.status()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).contains("POST");
    }
  }

  private static void assertError(WebhookClient.Reply reply, String field, String rule, String received) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    JsonNode error = reply.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo(field);
    assertThat(error.get("rule").asText()).isEqualTo(rule);
    if (received != null) {
      assertThat(error.get("received").asText()).isEqualTo(received);
    }
    assertThat(reply.json().get("message").asText()).isNotBlank();
  }

  @Test
  void importedEventsRoundTripTheExportAndAreCheckedAsWebhooks() throws Exception {
    try (SyncReceiver source = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN)
            .signatureMode(SignatureMode.WARN).build());
        SyncReceiver target = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      sendOne(source);
      WebhookSender.to(source.webhookUrl()).authToken("another-token").send(Webhooks.documentUpdated().build());
      JsonNode exported = WebhookClient.get(source.baseUrl().resolve("/api/events")).json().get("events");
      StringBuilder lines = new StringBuilder();
      for (int i = exported.size() - 1; i >= 0; i--) {
        lines.append(exported.get(i)).append('\n');
      }
      WebhookClient.Reply imported = WebhookClient.post(target.baseUrl().resolve("/api/events/import"),
          "application/x-ndjson", lines.toString().getBytes(StandardCharsets.UTF_8), Map.of());
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
      assertThat(imported.json().get("ids")).hasSize(2);

      List<dev.syncwire.fixtures.SyncEvent> before = source.events().all();
      List<dev.syncwire.fixtures.SyncEvent> after = target.events().all();
      assertThat(after).hasSize(2);
      for (int i = 0; i < 2; i++) {
        assertThat(after.get(i).params()).isEqualTo(before.get(i).params());
        assertThat(after.get(i).request().headers()).isEqualTo(before.get(i).request().headers());
        assertThat(after.get(i).signature()).isEqualTo(before.get(i).signature());
      }
      assertThat(after.get(0).status().wireName()).isEqualTo("accepted");
      assertThat(after.get(1).status().wireName()).as("a bad signature under enforce").isEqualTo("rejected");
    }
  }

  @Test
  void aBadLineIsA400NamingItAndNothingIsImported() throws Exception {
    try (SyncReceiver source = SyncReceiver.start(ReceiverConfig.builder().build());
        SyncReceiver target = SyncReceiver.start(ReceiverConfig.builder().build())) {
      WebhookClient.postForm(source.webhookUrl(), Webhooks.documentUpdated().build());
      String good = WebhookClient.get(source.baseUrl().resolve("/api/events")).json().get("events").get(0).toString();
      URI importUrl = target.baseUrl().resolve("/api/events/import");
      for (String[] bad : new String[][] {
          {good + "\n{\"id\":",  "line 2", "json"},
          {good + "\n\n{\"id\":3}", "line 3", "event"},
          {good + "\n[1,2]", "line 2", "event"},
          {"\n", "body", "not_empty"}}) {
        WebhookClient.Reply reply = WebhookClient.post(importUrl, "application/x-ndjson",
            bad[0].getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo(bad[1]);
        assertThat(reply.json().get("errors").get(0).get("rule").asText()).isEqualTo(bad[2]);
        assertThat(reply.json().get("message").asText()).contains(bad[1]);
      }
      assertThat(target.events().size()).isZero();
    }
  }

  @Test
  void stateIs404WithoutASourceAndConfigSaysWhatThePageNeeds() throws Exception {
    Supplier<String> state = () -> "{\"format\":\"syncwire-snapshot/1\",\"services\":[]}";
    try (SyncReceiver bare = SyncReceiver.start(ReceiverConfig.builder().build());
        SyncReceiver full = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN)
            .forwardTo(URI.create("http://127.0.0.1:9/sync")).stateSource(state).build())) {
      WebhookClient.Reply none = WebhookClient.get(bare.baseUrl().resolve("/api/state"));
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.json().get("message").asText())
          .isEqualTo("no state: this receiver runs without a fake (use ./syncwire up)");
      JsonNode bareConfig = WebhookClient.get(bare.baseUrl().resolve("/api/config")).json();
      assertThat(bareConfig.get("forwardTo").isNull()).isTrue();
      assertThat(bareConfig.get("signing").asBoolean()).isFalse();
      assertThat(bareConfig.get("state").asBoolean()).isFalse();
      assertThat(bareConfig.get("webhookUrl").asText()).isEqualTo(bare.webhookUrl().toString());

      WebhookClient.Reply some = WebhookClient.get(full.baseUrl().resolve("/api/state"));
      assertThat(some.status()).isEqualTo(200);
      assertThat(some.json().get("format").asText()).isEqualTo("syncwire-snapshot/1");
      JsonNode config = WebhookClient.get(full.baseUrl().resolve("/api/config")).json();
      assertThat(config.get("forwardTo").asText()).isEqualTo("http://127.0.0.1:9/sync");
      assertThat(config.get("signing").asBoolean()).isTrue();
      assertThat(config.get("state").asBoolean()).isTrue();

      assertThat(WebhookClient.send("POST", full.baseUrl().resolve("/api/state")).status()).isEqualTo(405);
      assertThat(WebhookClient.get(full.baseUrl().resolve("/api/config?x=1")).json().get("field").asText())
          .isEqualTo("x");
    }
  }

  @Test
  void forwardsSurviveARestartAndReadersOfTheJournalPassOverTheirLines() throws Exception {
    Path journal = dir.resolve("events.jsonl");
    JsonNode before;
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).journal(journal)
            .forwardTo(handler.url()).build())) {
      long id = sendOne(receiver);
      WebhookClient.postForm(receiver.baseUrl().resolve("/api/events/" + id + "/replay"), dev.syncwire.fixtures.FormParams.empty());
      await().until(() -> WebhookClient.get(receiver.baseUrl().resolve("/api/events/" + id)).json()
          .path("forwards").size() == 2);
      sendOne(receiver);
      await().until(() -> WebhookClient.get(receiver.baseUrl().resolve("/api/events/2")).json()
          .path("forwards").size() == 1);
      before = WebhookClient.get(receiver.baseUrl().resolve("/api/events")).json().get("events");
    }
    assertThat(Files.readAllLines(journal)).anyMatch(l -> l.startsWith("{\"forwardOf\":1,"));

    try (SyncReceiver restarted = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).journal(journal).build())) {
      JsonNode after = WebhookClient.get(restarted.baseUrl().resolve("/api/events")).json().get("events");
      assertThat(after).isEqualTo(before);
      assertThat(after.get(1).get("forwards")).hasSize(2);
    }
    List<String> skipped = new ArrayList<>();
    long read = JournalReader.forEach(journal, e -> { }, (line, problem) -> skipped.add(line + ": " + problem));
    assertThat(read).isEqualTo(2);
    assertThat(skipped).isEmpty();
  }
}
