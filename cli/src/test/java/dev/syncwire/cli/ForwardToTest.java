package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import dev.syncwire.fixtures.FormParams;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --forward-to} on receive and up, and {@code up}'s /api/state: the fake's state as its snapshot shows it. */
class ForwardToTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} --forward-to {1}")
  @CsvSource({
      "receive, ftp://127.0.0.1/sync, is not an absolute URL starting with http:// or https://",
      "up, localhost:3000/sync, is not an absolute URL starting with http:// or https://",
      "receive, /sync, is not an absolute URL starting with http:// or https://",
      "up, http:///sync, has no host",
      "receive, http://127.0.0.1:3000/sync#top, has a #fragment"})
  void aBadUrlExitsWithTwoNamingTheOptionTheRuleAndTheValue(String command, String value, String rule) {
    Cli cli = Cli.run(command, "--port", "0", "--forward-to", value);
    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).startsWith("Invalid value for option '--forward-to': '" + value + "' " + rule)
        .contains("give the URL of your handler, such as http://127.0.0.1:3000/sync");
    assertThat(cli.out()).as("nothing started").isEmpty();
  }

  @Test
  void upForwardsWhatTheFakeSendsSignedForTheHandlerAndShowsTheFakesState() throws Exception {
    List<Boolean> verdicts = new CopyOnWriteArrayList<>();
    List<String> types = new CopyOnWriteArrayList<>();
    HttpServer handler = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    String handlerUrl = "http://127.0.0.1:" + handler.getAddress().getPort() + "/sync";
    Path envFile = dir.resolve("env");
    CountDownLatch stop = new CountDownLatch(1);
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> SyncwireCommand.run(new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true), Map.of(), Cli.stopWhen(stop),
        "up", "--port", "0", "--fake-port", "0", "--env-file", envFile.toString(), "--forward-to", handlerUrl));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(envFile) || up.isDone());
      Map<String, String> env = read(envFile);
      RequestValidator validator = new RequestValidator(env.get("TWILIO_AUTH_TOKEN"));
      handler.createContext("/", exchange -> {
        Map<String, String> params = new LinkedHashMap<>();
        FormParams.parse(exchange.getRequestBody().readAllBytes()).asList().forEach(p -> params.put(p.name(), p.value()));
        verdicts.add(validator.validate(handlerUrl, params, exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
        types.add(params.get("EventType"));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      handler.start();
      assertThat(out.toString()).contains("  forward:   " + handlerUrl + " (each accepted event");

      String documents = env.get("SYNCWIRE_SYNC_BASE_URL") + "/v1/Services/" + env.get("TWILIO_SYNC_SERVICE_SID")
          + "/Documents";
      HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(documents))
          .header("Authorization", basic(env)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("UniqueName=greeting&Data=%7B%22hello%22%3A%22world%22%7D")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      await().atMost(Duration.ofSeconds(10)).until(() -> types.contains("document_created"));
      assertThat(verdicts).containsOnly(true);
      String receiver = env.get("SYNCWIRE_RECEIVER_URL");
      await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get(receiver + "/api/events?type=document_created"))
          .path("events").path(0).path("forwards").path(0).path("status").asInt() == 200);

      JsonNode state = JSON.readTree(get(receiver + "/api/state"));
      assertThat(state.path("format").asText()).isEqualTo("syncwire-snapshot/1");
      assertThat(state.toString()).contains("\"greeting\"").contains("hello");
      assertThat(JSON.readTree(get(receiver + "/api/config")).path("state").asBoolean()).isTrue();
    } finally {
      stop.countDown();
      handler.stop(0);
    }
    assertThat(up.get(30, TimeUnit.SECONDS)).as(out.toString()).isZero();
  }

  private static String basic(Map<String, String> env) {
    String pair = env.get("TWILIO_ACCOUNT_SID") + ":" + env.get("TWILIO_AUTH_TOKEN");
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url))).body();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> read(Path envFile) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    return env;
  }
}
