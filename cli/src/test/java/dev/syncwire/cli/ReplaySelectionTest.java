package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.FixturePatterns;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay's --id ranges, the query API's filters and rules, and what cannot go out byte-exact. */
class ReplaySelectionTest {
  static final String TOKEN = "replay-selection-token-0123456789";

  @TempDir
  Path dir;
  Path journal;

  /** #1-#3 the presence pattern, #4 list_item_added as a JSON body, #5 a body over the limit (rejected, no bytes kept). */
  @BeforeEach
  void record() throws Exception {
    journal = dir.resolve("events.jsonl");
    try (SyncReceiver first = SyncReceiver.start(ReceiverConfig.builder().journal(journal).maxBodyBytes(2000).build())) {
      WebhookSender sender = WebhookSender.to(first.webhookUrl());
      for (FormParams webhook : FixturePatterns.presence()) {
        assertThat(sender.send(webhook).isSuccess()).isTrue();
      }
      Map<String, String> json = new LinkedHashMap<>();
      Webhooks.listItemAdded().list("activity-feed").build().asList().forEach(p -> json.put(p.name(), p.value()));
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(first.webhookUrl())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(json))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(sender.send(Webhooks.documentUpdated().data("{\"big\":\"" + "x".repeat(3000) + "\"}").build()).status())
          .isEqualTo(413);
      assertThat(first.events().all()).hasSize(5);
    }
  }

  @Test
  void idRangesChooseEventsOldestFirst() {
    try (SyncReceiver target = SyncReceiver.start(ReceiverConfig.builder().build())) {
      Cli cli = Cli.run("replay", "--journal", journal.toString(), "--to", target.webhookUrl().toString(), "--id", "3,1-2");

      assertThat(cli.exitCode()).as(cli.toString()).isZero();
      assertThat(cli.out()).contains("Replayed 3 of 3");
      assertThat(target.events().all()).extracting(SyncEvent::eventType)
          .containsExactly("map_item_added", "map_item_updated", "map_item_removed");
    }
  }

  @Test
  void theQueryApisFiltersSelectAsTheyDoOverHttp() {
    try (SyncReceiver target = SyncReceiver.start(ReceiverConfig.builder().build())) {
      String to = target.webhookUrl().toString();

      Cli since = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--since", "1", "--key", "user-123");
      assertThat(since.out()).as(since.toString()).contains("#2 map_item_updated", "#3 map_item_removed", "Replayed 2 of 2")
          .doesNotContain("#1 ");

      Cli byObject = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--object", "activity-feed",
          "--type", "list_item_created");   // the seed's name finds the real one, as /api/events does
      assertThat(byObject.out()).as(byObject.toString()).contains("#4 list_item_added", "Replayed 1 of 1");

      Cli none = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--key", "nobody");
      assertThat(none.exitCode()).isZero();
      assertThat(none.out()).contains("No recorded events match (5 read from " + journal + ", key nobody, status accepted)");
    }
  }

  @Test
  void badSelectionsExitWithTwoNamingTheFlagTheRuleAndTheValue() {
    String to = "http://127.0.0.1:9/x";

    Cli since = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--since", "yesterday");
    assertThat(since.exitCode()).isEqualTo(2);
    assertThat(since.err()).contains("--since: since must be an event id (events after it) or an ISO-8601 instant"
        + " such as 2026-11-25T09:00:00Z; received 'yesterday'");

    Cli type = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--type", "map_item_deleted");
    assertThat(type.exitCode()).isEqualTo(2);
    assertThat(type.err()).contains("--type: type 'map_item_deleted' is not a Sync event type; use one of ");

    Cli index = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--index", "-1");
    assertThat(index.exitCode()).isEqualTo(2);
    assertThat(index.err()).contains("--index: index must be a whole number of 0 or more; received '-1'");

    Cli ids = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--id", "3,9-5");
    assertThat(ids.exitCode()).isEqualTo(2);
    assertThat(ids.err()).contains("--id", "'9-5' is not an event id or a range of them", "such as --id 3,5-9");

    Cli status = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--status", "ok");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err()).contains("--status must be accepted, rejected, duplicate or all; received 'ok'");
  }

  @Test
  void eachEventThatCannotGoOutByteExactSaysWhy() {
    try (SyncReceiver target = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      Cli cli = Cli.run("replay", "--journal", journal.toString(), "--to", target.webhookUrl().toString(),
          "--auth-token", TOKEN, "--status", "all", "--id", "4-5");

      assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
      assertThat(cli.out()).contains("#4 list_item_added activity-feed/0 -> 200 in ",
          "(not byte-exact: a JSON body, ", "the URL gains one)");
      assertThat(cli.out()).contains("#5 ", "-> not sent: its body was not recorded (",
          "1 could not be sent (no recorded body)");
      SyncEvent json = target.events().latest().orElseThrow();
      assertThat(json.request().isJson()).isTrue();
      assertThat(json.signature()).isEqualTo(SignatureVerdict.VALID);
      assertThat(target.events().all()).hasSize(1);
    }
  }
}
