package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.FixturePatterns;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trigger --signing-key} and {@code replay --signing-key} against a real {@code receive --signing-key}
 * on a real port: signed as a Webhook Rule signs, they are accepted with a valid signature; a wrong
 * secret is the receiver's 403, shown.
 */
class SigningKeyTriggerReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "cli-token-0123456789abcdef";
  static final CountDownLatch stop = new CountDownLatch(1);
  static CompletableFuture<Integer> receive;
  static String base;
  static String url;

  @BeforeAll
  static void startReceive() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    url = base + "/webhooks";
    String[] args = {"receive", "--port", Integer.toString(port), "--auth-token", TOKEN,
        "--signing-key", "KEY1:rule-secret"};
    receive = CompletableFuture.supplyAsync(() -> SyncwireCommand.run(new PrintWriter(new StringWriter(), true),
        new PrintWriter(new StringWriter(), true), Map.of(), Cli.stopWhen(stop), args));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> receive.isDone() || get("/health").has("status"));
    assertThat(receive).as("receive stopped early").isNotDone();
  }

  @AfterAll
  static void stopReceive() throws Exception {
    stop.countDown();
    assertThat(receive.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void triggerSignsWithTheKeyAndTheReceiverAcceptsIt() throws Exception {
    Cli cli = Cli.run("trigger", "map_item_removed", "--to", url, "--signing-key", "KEY1:rule-secret",
        "--object", "user-presence", "--key", "signed-by-rule");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("X-Twilio-Signature: ",
        "X-Twilio-Webhooks-Signature-Settings: key=KEY1,algorithm=HMAC_SHA256", "200 in ", "\"result\":\"accepted\"")
        .doesNotContain("rule-secret", "unsigned");
    JsonNode event = get("/api/events?key=signed-by-rule").path("events").get(0);
    assertThat(event.path("status").asText()).as(event.toString()).isEqualTo("accepted");
    assertThat(event.path("signature").asText()).isEqualTo("valid");
    assertThat(event.path("headers").toString()).contains("key=KEY1,algorithm=HMAC_SHA256");
  }

  @Test
  void triggerWithAWrongSecretShowsTheReceiversForbidden() {
    Cli cli = Cli.run("trigger", "document_updated", "--to", url, "--signing-key", "KEY1:not-the-secret",
        "--object", "doc-wrong-key");

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out()).contains("403 in ", "not 2xx", "invalid_signature").doesNotContain("not-the-secret");
  }

  @Test
  void dryRunShowsBothHeadersInTheCurlCommand() {
    Cli cli = Cli.run("trigger", "document_updated", "--to", url, "--signing-key", "KEY1:rule-secret", "--dry-run");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("-H 'X-Twilio-Webhooks-Signature-Settings: key=KEY1,algorithm=HMAC_SHA256'",
        "-H 'X-Twilio-Signature: ");
  }

  @Test
  void aBadSigningKeyIsAUsageErrorNamingTheFlagTheRuleAndTheValue() {
    for (String[] args : new String[][] {{"trigger", "document_updated"}, {"replay", "--journal=x.jsonl"}}) {
      String command = args[0];
      Cli cli = Cli.run(args[0], args[1], "--to", url, "--signing-key", "no-colon-here");

      assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err()).as(command).contains("Invalid value for option '--signing-key'",
          "a signing key is KEY_ID:SECRET", "received a value with no ':' (13 characters)");
    }
    Cli viaFake = Cli.run("trigger", "document_updated", "--via-fake", "http://127.0.0.1:9", "--signing-key", "K:s");
    assertThat(viaFake.exitCode()).isEqualTo(2);
    assertThat(viaFake.err()).contains("with --via-fake the fake sends and signs them", "--webhook-signing-key K:SECRET");
  }

  @Test
  void replayReSignsWithTheKeyAndAWrongKeyIsForbidden(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver first = SyncReceiver.start(ReceiverConfig.builder().authToken("other-token").journal(journal).build())) {
      WebhookSender sender = WebhookSender.to(first.webhookUrl()).authToken("other-token");
      for (FormParams webhook : FixturePatterns.presence()) {
        assertThat(sender.send(webhook).isSuccess()).isTrue();
      }
    }

    Cli cli = Cli.run("replay", "--journal", journal.toString(), "--to", url, "--signing-key", "KEY1:rule-secret");
    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("Replayed 3 of 3 event(s) to " + url + ": 3 answered 2xx, 0 did not.");
    JsonNode events = get("/api/events?key=user-123&status=accepted").path("events");
    assertThat(events).as("the presence pattern: added, updated, removed").hasSize(3);
    events.forEach(e -> {
      assertThat(e.path("signature").asText()).as(e.toString()).isEqualTo("valid");
      assertThat(e.path("headers").toString()).contains("key=KEY1,algorithm=HMAC_SHA256");
    });

    Cli wrong = Cli.run("replay", "--journal", journal.toString(), "--to", url, "--signing-key", "KEY1:wrong", "--id", "1");
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.out()).contains("-> 403 in ");
  }

  private static JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
