package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncMap;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.harness.fake.FakeHttpClient;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console as a user sees it: syncwire in a JVM of its own, stopped by SIGTERM as Ctrl-C would. */
class ConsoleTest {
  static final String TOKEN = "console-cli-token-0123456789";

  @TempDir
  Path dir;

  @Test
  void receivePrintsAPreviewPerEventAndASummaryWhenStopped() throws Exception {
    SyncwireProcess syncwire = SyncwireProcess.start(dir, Map.of(), List.of("NO_COLOR", "TWILIO_AUTH_TOKEN"),
        "receive", "--port", "0", "--auth-token", TOKEN);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> syncwire.out().contains("Press Ctrl-C to stop."));
      Matcher port = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(syncwire.out());
      assertThat(port.find()).as(syncwire.toString()).isTrue();
      WebhookSender sender = WebhookSender.to(URI.create("http://127.0.0.1:" + port.group(1) + "/webhooks")).authToken(TOKEN);
      assertThat(sender.send(Webhooks.mapItemAdded().map("user-presence").key("user-123")
          .data("{\"status\":\"online\"}").build()).isSuccess()).isTrue();
      assertThat(sender.send(Webhooks.mapItemAdded().map("user-presence").key("user-456").build()).isSuccess()).isTrue();
      assertThat(sender.authToken("wrong").send(Webhooks.documentUpdated().build()).status()).isEqualTo(403);
      await().atMost(Duration.ofSeconds(10)).until(() -> syncwire.out().contains("#3 "));
    } finally {
      syncwire.process.destroy(); // SIGTERM: the same shutdown path as Ctrl-C
    }
    assertThat(syncwire.exitCode()).as(syncwire.toString()).isEqualTo(143); // 128 + 15: how a JVM ends on SIGTERM
    String out = syncwire.out();
    assertThat(out).doesNotContain("\u001b["); // not a terminal: plain
    assertThat(out).contains("#1  accepted  map_item_added", "user-presence/user-123  signature=valid  {\"status\":\"online\"}",
        "#3  rejected  document_updated", "signature=invalid");
    assertThat(out).containsSubsequence("summary: 3 events (2 accepted, 1 rejected)",
        "  document_updated     1  (1 rejected)", "  map_item_added       2  (2 accepted)", "syncwire stopped.");
  }

  @Test
  void fakeAloneLogsEveryDeliveryWithStatusLatencyAndUrl() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().build())) {
      SyncwireProcess syncwire = SyncwireProcess.start(dir, Map.of(), List.of("NO_COLOR"), "fake", "--port", "0",
          "--webhook-url", receiver.webhookUrl().toString(), "--webhooks-from-rest");
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> syncwire.out().contains("Press Ctrl-C to stop."));
        Matcher url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(syncwire.out());
        assertThat(url.find()).as(syncwire.toString()).isTrue();
        Matcher sid = Pattern.compile("export TWILIO_ACCOUNT_SID=(\\S+)").matcher(syncwire.out());
        Matcher token = Pattern.compile("export TWILIO_AUTH_TOKEN=(\\S+)").matcher(syncwire.out());
        Matcher service = Pattern.compile("export TWILIO_SYNC_SERVICE_SID=(\\S+)").matcher(syncwire.out());
        assertThat(sid.find() && token.find() && service.find()).isTrue();
        TwilioRestClient client = new TwilioRestClient.Builder(sid.group(1), token.group(1))
            .httpClient(new FakeHttpClient(url.group(1))).build();
        SyncMap.creator(service.group(1)).setUniqueName("user-presence").create(client);

        await().atMost(Duration.ofSeconds(10)).until(() -> syncwire.out().contains("webhook #1 "));
      } finally {
        syncwire.process.destroy();
      }
      assertThat(syncwire.exitCode()).as(syncwire.toString()).isEqualTo(143);
      assertThat(syncwire.out()).containsPattern("webhook #1 map_created +-> 200 in \\d+ ms  "
          + Pattern.quote(receiver.webhookUrl().toString()));
      assertThat(receiver.events().all()).hasSize(1);
    }
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColorOrTheFlag() {
    assertThat(ColorOption.wanted(false, Map.of(), true)).isTrue();
    assertThat(ColorOption.wanted(false, Map.of(), false)).isFalse();
    assertThat(ColorOption.wanted(true, Map.of(), true)).isFalse();
    assertThat(ColorOption.wanted(false, Map.of("NO_COLOR", "1"), true)).isFalse();
    assertThat(ColorOption.wanted(false, Map.of("NO_COLOR", ""), true)).isTrue(); // no-color.org: only a non-empty value
  }

  @Test
  void noColorIsAFlagOfReceiveUpExecAndFake() {
    for (String command : List.of("receive", "up", "exec", "fake")) {
      assertThat(Cli.run(command, "--help").out()).as(command).contains("--no-color");
    }
  }
}
