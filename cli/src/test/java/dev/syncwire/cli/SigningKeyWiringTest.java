package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.Document;
import dev.syncwire.harness.fake.FakeHttpClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up --webhook-signing-key}: the fake signs as a Webhook Rule does and up's receiver checks it with that key. */
class SigningKeyWiringTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void upSignsWithTheKeyAndItsReceiverAcceptsWhatTheFakeSigned() throws Exception {
    Path envFile = dir.resolve("env");
    CountDownLatch stop = new CountDownLatch(1);
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> SyncwireCommand.run(new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true), Map.of(), Cli.stopWhen(stop),
        "up", "--port", "0", "--fake-port", "0", "--env-file", envFile.toString(),
        "--webhook-signing-key", "KEY1:rule-secret"));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(envFile) || up.isDone());
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : Files.readAllLines(envFile)) {
        env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
      TwilioRestClient client = new TwilioRestClient.Builder(env.get("TWILIO_ACCOUNT_SID"), env.get("TWILIO_AUTH_TOKEN"))
          .httpClient(new FakeHttpClient(env.get("SYNCWIRE_SYNC_BASE_URL"))).build();
      Document.creator(env.get("TWILIO_SYNC_SERVICE_SID")).setUniqueName("call-CA1").create(client);

      String created = env.get("SYNCWIRE_RECEIVER_URL") + "/api/events?type=document_created";
      await().atMost(Duration.ofSeconds(10)).until(() -> get(created).path("count").asInt() == 1);
      JsonNode event = get(created).path("events").get(0);
      assertThat(event.path("status").asText()).as(event.toString()).isEqualTo("accepted");
      assertThat(event.path("signature").asText()).isEqualTo("valid");
      assertThat(event.toString()).contains("key=KEY1,algorithm=HMAC_SHA256").doesNotContain("rule-secret");
    } finally {
      stop.countDown();
    }
    assertThat(up.get(30, TimeUnit.SECONDS)).as(out.toString()).isZero();
    assertThat(out.toString()).contains("posted, signed with signing key KEY1 (HMAC-SHA256, as a Webhook Rule signs),"
        + " to the receiver.").doesNotContain("rule-secret");
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
