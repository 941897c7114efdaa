package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.FixturePatterns;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  static final String TOKEN = "replay-cli-token-0123456789";

  @TempDir
  Path dir;
  Path journal;
  List<SyncEvent> recorded;

  /** Records the presence pattern plus one rejected webhook in a journal. */
  @BeforeEach
  void record() {
    journal = dir.resolve("events.jsonl");
    try (SyncReceiver first = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).journal(journal).build())) {
      WebhookSender sender = WebhookSender.to(first.webhookUrl()).authToken(TOKEN);
      for (FormParams webhook : FixturePatterns.presence()) {
        assertThat(sender.send(webhook).isSuccess()).isTrue();
      }
      assertThat(sender.authToken("wrong").send(Webhooks.documentUpdated()).status()).isEqualTo(403);
      recorded = first.events().all();
    }
  }

  @Test
  void replaysAcceptedEventsByteForByteAndReSignedForTheNewUrl() {
    try (SyncReceiver second = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      Cli cli = Cli.run("replay", "--journal", journal.toString(), "--to", second.webhookUrl().toString(),
          "--auth-token", TOKEN);

      assertThat(cli.exitCode()).as(cli.toString()).isZero();
      assertThat(cli.out()).contains("#1 map_item_added user-presence/user-123 -> 200 in ",
          "#3 map_item_removed user-presence/user-123 -> 200 in ",
          "Replayed 3 of 3 event(s) to " + second.webhookUrl() + ": 3 answered 2xx, 0 did not.");
      assertThat(cli.out()).doesNotContain("#4");
      List<SyncEvent> replayed = second.events().all();
      assertThat(replayed).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(replayed.get(i).request().body()).isEqualTo(recorded.get(i).request().body());
        assertThat(replayed.get(i).signature()).isEqualTo(SignatureVerdict.VALID);
      }
    }
  }

  @Test
  void filtersByTypeAndIdAndCanIncludeRejectedOnes() {
    try (SyncReceiver second = SyncReceiver.start(ReceiverConfig.builder().build())) {
      String to = second.webhookUrl().toString();

      Cli byType = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--type", "map_item_updated");
      assertThat(byType.out()).contains("#2 map_item_updated").doesNotContain("#1 ", "#3 ");

      Cli rejected = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--status", "rejected", "--id", "4");
      assertThat(rejected.exitCode()).as(rejected.toString()).isZero();
      assertThat(rejected.out()).contains("#4 document_updated", "Replayed 1 of 1");
      assertThat(second.events().all()).hasSize(2);
    }
  }

  @Test
  void withoutATokenTheRecordedSignatureIsSentAndANon2xxExitsWithOne() {
    try (SyncReceiver second = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      String to = second.webhookUrl().toString();
      Cli cli = Cli.run("replay", "--journal", journal.toString(), "--to", to, "--id", "1");

      assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
      assertThat(cli.err()).contains("note: sending the recorded signatures, made for " + recorded.get(0).signatureUrl(),
          "they will not verify at " + to + ". Give --auth-token to re-sign for it.");
      assertThat(cli.out()).contains("#1 map_item_added user-presence/user-123 -> 403 in ", "invalid_signature",
          "0 answered 2xx, 1 did not.");
    }
  }

  @Test
  void readsFromARunningReceiverWithFrom() {
    try (SyncReceiver source = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build());
        SyncReceiver target = SyncReceiver.start(ReceiverConfig.builder().build())) {
      Cli cli = Cli.run("replay", "--from", source.baseUrl().toString(), "--to", target.webhookUrl().toString(),
          "--type", "map_item_removed");

      assertThat(cli.exitCode()).as(cli.toString()).isZero();
      assertThat(cli.out()).contains("#3 map_item_removed", "Replayed 1 of 1");
      assertThat(target.events().latest().orElseThrow().request().body()).isEqualTo(recorded.get(2).request().body());
    }
  }

  @Test
  void aMissingJournalAndATornLineAreReportedPlainly() throws Exception {
    Cli missing = Cli.run("replay", "--journal", dir.resolve("nope.jsonl").toString(), "--to", "http://127.0.0.1:9/x");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no journal at ", "record one with: syncwire receive --journal");

    Files.writeString(journal, "{\"id\":99,\"stat", java.nio.file.StandardOpenOption.APPEND);
    Cli torn = Cli.run("replay", "--journal", journal.toString(), "--to", "http://127.0.0.1:9/x", "--id", "77");
    assertThat(torn.err()).contains("skipped " + journal + ":5: not a recorded event");
    assertThat(torn.out()).contains("No recorded events match (4 read from " + journal);
  }

  @Test
  void journalAndFromAreMutuallyExclusiveAndOneIsRequired() {
    Cli neither = Cli.run("replay", "--to", "http://127.0.0.1:9/x");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("Missing required argument", "--journal=FILE", "--from=URL");
  }
}
