package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.sync.v1.service.Document;
import dev.syncwire.harness.fake.FakeClock;
import dev.syncwire.harness.fake.SyncApiFake;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --import} restores into this run's wiring: the snapshot's receiver listened elsewhere. */
class ImportWiringTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OLD_RECEIVER = "http://127.0.0.1:9/webhooks";

  @TempDir
  Path dir;

  @Test
  void upSendsWhatExpiresOnImportToThisRunsReceiverNotTheOneInTheFile() throws Exception {
    Path state = snapshotWithAnExpiredDocument();
    Path envFile = dir.resolve("env");
    CountDownLatch stop = new CountDownLatch(1);
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> SyncwireCommand.run(new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true), Map.of(), Cli.stopWhen(stop),
        "up", "--port", "0", "--fake-port", "0", "--env-file", envFile.toString(), "--import", state.toString()));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(envFile) || up.isDone());
      Map<String, String> env = read(envFile);
      // The system clock is past the document's 2020 expiry: it goes at once, and its webhook comes here.
      String removed = env.get("SYNCWIRE_RECEIVER_URL") + "/api/events?type=document_removed";
      await().atMost(Duration.ofSeconds(10)).until(() -> get(removed, null).path("count").asInt() == 1);
      assertThat(get(removed, null).path("events").get(0).path("objectName").asText()).isEqualTo("doomed");
      JsonNode service = get(env.get("SYNCWIRE_SYNC_BASE_URL") + "/v1/Services/" + env.get("TWILIO_SYNC_SERVICE_SID"), env);
      assertThat(service.path("webhook_url").asText()).isEqualTo(env.get("SYNCWIRE_RECEIVER_URL") + "/webhooks");
    } finally {
      stop.countDown();
    }
    assertThat(up.get(30, TimeUnit.SECONDS)).as(out.toString()).isZero();
  }

  @Test
  void fakeKeepsTheFilesWebhookSettingsUnlessAFlagGivesThem() throws Exception {
    Path state = snapshotWithAnExpiredDocument();
    Cli flagged = Cli.run("fake", "--port", "0", "--clock", "manual", "--import", state.toString(),
        "--webhook-url", "http://127.0.0.1:9/new", "--export-on-exit", dir.resolve("flagged.json").toString());
    assertThat(flagged.exitCode()).as(flagged.toString()).isZero();
    assertThat(defaultServiceWebhook(dir.resolve("flagged.json"))).isEqualTo("http://127.0.0.1:9/new");

    Cli unflagged = Cli.run("fake", "--port", "0", "--clock", "manual", "--import", state.toString(),
        "--export-on-exit", dir.resolve("unflagged.json").toString());
    assertThat(unflagged.exitCode()).as(unflagged.toString()).isZero();
    assertThat(unflagged.out()).contains("webhook settings as in --import");
    assertThat(defaultServiceWebhook(dir.resolve("unflagged.json"))).isEqualTo(OLD_RECEIVER);
  }

  /** A state whose default service posts to a receiver long gone, holding a document that expired in 2020. */
  private Path snapshotWithAnExpiredDocument() throws IOException {
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(Instant.parse("2020-01-01T00:00:00Z")))
        .webhookUrl(OLD_RECEIVER).start()) {
      Document.creator(fake.defaultServiceSid()).setUniqueName("doomed").setTtl(60).create(fake.twilioClient());
      Path file = dir.resolve("state.json");
      Files.writeString(file, fake.snapshot().toJson(), StandardCharsets.UTF_8);
      return file;
    }
  }

  private static String defaultServiceWebhook(Path export) throws IOException {
    return JSON.readTree(export.toFile()).path("services").get(0).path("webhookUrl").asText();
  }

  private static Map<String, String> read(Path envFile) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    return env;
  }

  private static JsonNode get(String url, Map<String, String> credentials) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (credentials != null) {
      String basic = credentials.get("TWILIO_ACCOUNT_SID") + ":" + credentials.get("TWILIO_AUTH_TOKEN");
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

}
