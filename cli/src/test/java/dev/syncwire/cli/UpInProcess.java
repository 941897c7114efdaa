package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.harness.fake.FakeHttpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code syncwire up} run in this JVM on free ports, as a user starts it: the receiver, the Sync
 * fake wired to it, and what {@code --env-file} says about them. Stopped (and its exit code
 * checked) on close.
 */
final class UpInProcess implements AutoCloseable {
  final Map<String, String> env;
  final TwilioRestClient client;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CompletableFuture<Integer> run;
  private final StringWriter out = new StringWriter();

  private UpInProcess(Path dir, String... extraArgs) {
    Path envFile = dir.resolve("up.env");
    List<String> args = new ArrayList<>(List.of("up", "--port", "0", "--fake-port", "0", "--env-file", envFile.toString()));
    args.addAll(List.of(extraArgs));
    run = CompletableFuture.supplyAsync(() -> SyncwireCommand.run(new PrintWriter(out, true),
        new PrintWriter(out, true), Map.of(), Cli.stopWhen(stop), args.toArray(String[]::new)));
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(envFile) || run.isDone());
    assertThat(run).as("up ended early: %s", out).isNotDone();
    env = read(envFile);
    client = new TwilioRestClient.Builder(env.get("TWILIO_ACCOUNT_SID"), env.get("TWILIO_AUTH_TOKEN"))
        .httpClient(new FakeHttpClient(env.get("SYNCWIRE_SYNC_BASE_URL"))).build();
  }

  static UpInProcess start(Path dir, String... extraArgs) {
    return new UpInProcess(dir, extraArgs);
  }

  String receiverUrl() {
    return env.get("SYNCWIRE_RECEIVER_URL");
  }

  String service() {
    return env.get("TWILIO_SYNC_SERVICE_SID");
  }

  String authToken() {
    return env.get("TWILIO_AUTH_TOKEN");
  }

  /** Posts a webhook to the receiver, signed with this run's auth token, as Twilio would. */
  WebhookSender.Result post(WebhookBuilder webhook) {
    return WebhookSender.to(receiverUrl() + "/webhooks").authToken(authToken())
        .send(webhook.accountSid(env.get("TWILIO_ACCOUNT_SID")).serviceSid(service()));
  }

  /** Forgets the receiver's events and the fake's state: each test starts from nothing. */
  void reset() {
    http("DELETE", receiverUrl() + "/api/events");
    http("POST", env.get("SYNCWIRE_CONTROL_URL") + "/reset");
  }

  String http(String method, String url) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isBetween(200, 299);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    stop.countDown();
    assertThat(run.get(30, TimeUnit.SECONDS)).as(out.toString()).isZero();
  }

  private static Map<String, String> read(Path envFile) {
    try {
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : Files.readAllLines(envFile)) {
        env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
