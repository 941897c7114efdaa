package dev.syncwire.harness.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.sync.v1.service.Document;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake's proxy mode with real clients on real ports: unmodified twilio-java in a JVM of its
 * own, curl, and raw proxy requests; Sync's hosts reach the fake with Twilio's URLs kept, other
 * hosts are refused and nothing leaves the machine.
 */
class ProxyModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path home;

  static LocalCa ca;
  static SyncApiFake fake;
  static SyncReceiver receiver;
  static SyncEvents events;
  static ProxySettings settings;

  @BeforeAll
  static void start() {
    ca = LocalCa.loadOrCreate(home.resolve("ca"));
    fake = SyncApiFake.builder().proxy(ca).webhooksFromRestEnabled(true).start();
    receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).build());
    events = SyncEvents.of(receiver);
    fake.updateDefaultService(receiver.webhookUrl().toString(), true);
    settings = ProxySettings.of(fake.proxyUrl(), ca);
  }

  @AfterAll
  static void stop() {
    events.close();
    receiver.close();
    fake.close();
  }

  @Test
  void theProxyIsTheFakesOwnPort() {
    assertThat(fake.proxyUrl()).isEqualTo(fake.baseUrl());
  }

  @Test
  void unmodifiedTwilioJavaWithOnlyThePrintedSystemPropertiesCreatesADocumentAndItsWebhookFires() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(settings.javaSystemProperties());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), UnmodifiedTwilioJava.class.getName(),
        fake.accountSid(), fake.authToken(), fake.defaultServiceSid(), "from-java"));
    Result java = run(command);

    assertThat(java.exitCode).as(java.toString()).isZero();
    String[] printed = java.out.trim().split(" ");
    Document held = Document.fetcher(fake.defaultServiceSid(), "from-java").fetch(fake.twilioClient());
    assertThat(printed[0]).isEqualTo(held.getSid());
    // The answer kept Twilio's own host: the SDK saw https://sync.twilio.com.
    assertThat(printed[1]).isEqualTo("https://sync.twilio.com/v1/Services/" + fake.defaultServiceSid() + "/Documents/" + held.getSid());
    SyncEvent created = events.await().type("document_created").object("from-java").within(Duration.ofSeconds(10));
    assertThat(created.signature()).isEqualTo(SignatureVerdict.VALID);
  }

  @Test
  void curlThroughTheProxyCreatesStateAndReusesItsConnection() throws Exception {
    String documents = "https://sync.twilio.com/v1/Services/" + fake.defaultServiceSid() + "/Documents";
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v"));
    command.addAll(settings.curlArguments());
    command.addAll(List.of("-u", fake.accountSid() + ":" + fake.authToken(),
        "--data-urlencode", "UniqueName=from-curl", "--data-urlencode", "Data={\"from\":\"curl\"}", documents,
        "--next"));
    command.addAll(settings.curlArguments());
    command.addAll(List.of("-u", fake.accountSid() + ":" + fake.authToken(), documents + "/from-curl"));
    Result curl = run(command);

    assertThat(curl.exitCode).as(curl.toString()).isZero();
    List<JsonNode> answers = readAll(curl.out);
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).get("unique_name").asText()).isEqualTo("from-curl");
    assertThat(answers.get(1).get("url").asText()).isEqualTo(documents + "/" + answers.get(0).get("sid").asText());
    // Keep-alive through the tunnel: one CONNECT, the second request on the same connection.
    assertThat(curl.err).contains("Re-using existing connection");
    assertThat(curl.err.split("CONNECT sync.twilio.com:443", -1)).hasSize(2);
    assertThat(Document.fetcher(fake.defaultServiceSid(), "from-curl").fetch(fake.twilioClient()).getData())
        .isEqualTo(java.util.Map.of("from", "curl"));
    events.await().type("document_created").object("from-curl").signature(SignatureVerdict.VALID).within(Duration.ofSeconds(10));
  }

  @Test
  void regionAndEdgeFormsOfSyncsHostReachTheFakeAndKeepTheirHostInUrls() throws Exception {
    for (String host : List.of("sync.us1.twilio.com", "sync.dublin.ie1.twilio.com")) {
      String service = "https://" + host + "/v1/Services/" + fake.defaultServiceSid();
      List<String> command = new ArrayList<>(List.of("curl", "-sS"));
      command.addAll(settings.curlArguments());
      command.addAll(List.of("-u", fake.accountSid() + ":" + fake.authToken(), service));
      Result curl = run(command);

      assertThat(curl.exitCode).as(curl.toString()).isZero();
      assertThat(JSON.readTree(curl.out).get("url").asText()).isEqualTo(service);
    }
  }

  @Test
  void plainHttpProxyRequestsForSyncReachTheFakeAndAnswerWithTwiliosHttpsUrls() throws Exception {
    String path = "/v1/Services/" + fake.defaultServiceSid();
    String answer = exchange("GET http://sync.twilio.com" + path + " HTTP/1.1\r\nHost: sync.twilio.com\r\n"
        + "Authorization: Basic " + basic() + "\r\nConnection: close\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(body(answer).get("url").asText()).isEqualTo("https://sync.twilio.com" + path);
  }

  @Test
  void otherTwilioHostsGetA502InsideTlsAndNonTwilioHostsA403AndNothingLeavesTheMachine() throws Exception {
    try (StandIn outside = new StandIn()) {
      // api.twilio.com at the stand-in's port: the tunnel is accepted, TLS ends in the proxy, the answer is a 502.
      List<String> command = new ArrayList<>(List.of("curl", "-sS"));
      command.addAll(settings.curlArguments());
      command.addAll(List.of("-w", "\n%{http_code}", "https://api.twilio.com:" + outside.port() + "/2010-04-01/Accounts.json"));
      Result curl = run(command);
      assertThat(curl.exitCode).as(curl.toString()).isZero();
      String[] lines = curl.out.split("\n");
      assertThat(lines[1]).isEqualTo("502");
      JsonNode error = JSON.readTree(lines[0]);
      assertThat(error.get("status").asInt()).isEqualTo(502);
      assertThat(error.get("message").asText()).isEqualTo("syncwire fakes only Twilio Sync (sync.twilio.com and its"
          + " region and edge forms): this request for api.twilio.com was answered by syncwire's proxy and sent nowhere.");
      assertThat(error.has("code")).isTrue();
      assertThat(error.get("more_info").asText()).startsWith("https://");

      // Non-Twilio hosts, by name and by the stand-in's own address, tunnelled or plain: 403, and no connection.
      for (String target : List.of("localhost:" + outside.port(), "127.0.0.1:" + outside.port(), "example.com:443")) {
        String refused = exchange("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
        assertThat(refused).startsWith("HTTP/1.1 403");
        assertThat(body(refused).get("message").asText()).isEqualTo("syncwire's proxy answers only for Twilio's hosts"
            + " and is not an open proxy: the request for " + target + " was refused and sent nowhere. Add "
            + target.substring(0, target.indexOf(':')) + " to NO_PROXY so that your client reaches it without the proxy.");
      }
      String plain = exchange("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
      assertThat(plain).startsWith("HTTP/1.1 403");
      assertThat(body(plain).get("status").asInt()).isEqualTo(403);
      String plainTwilio = exchange("GET http://api.twilio.com:" + outside.port() + "/ HTTP/1.1\r\nHost: api.twilio.com:"
          + outside.port() + "\r\nConnection: close\r\n\r\n");
      assertThat(plainTwilio).startsWith("HTTP/1.1 502");

      assertThat(outside.accepted()).isZero();
    }
  }

  @Test
  void theFakeStillAnswersDirectlyOnItsOwnAddress() throws Exception {
    String answer = exchange("GET /v1/Services/" + fake.defaultServiceSid() + " HTTP/1.1\r\nHost: 127.0.0.1:" + fake.port()
        + "\r\nAuthorization: Basic " + basic() + "\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(body(answer).get("url").asText()).startsWith("http://127.0.0.1:" + fake.port() + "/v1/Services/");
  }

  private static String basic() {
    return Base64.getEncoder().encodeToString((fake.accountSid() + ":" + fake.authToken()).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code request} to the proxy port and reads until the server closes or the answer's body is complete. */
  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        int end = text.indexOf("\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
        if (end > 0 && length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1))) {
          break;
        }
      }
      return text.toString();
    }
  }

  private static JsonNode body(String answer) throws IOException {
    return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  private static List<JsonNode> readAll(String text) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    try (var parser = JSON.createParser(text)) {
      JSON.readValues(parser, JsonNode.class).forEachRemaining(nodes::add);
    }
    return nodes;
  }

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  static Result run(List<String> command) throws Exception {
    Path out = home.resolve("out-" + System.nanoTime());
    Path err = home.resolve("err-" + System.nanoTime());
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // Only what the test gives: no proxy or CA settings inherited from the machine running it.
    List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "NO_PROXY", "no_proxy", "CURL_CA_BUNDLE",
        "SSL_CERT_FILE", "JAVA_TOOL_OPTIONS").forEach(builder.environment()::remove);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not end within 60 s");
    }
    return new Result(process.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
  }

  /** The outside world, played by a local server: it counts every connection it accepts. */
  static final class StandIn implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    StandIn() throws IOException {
      socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket connection = socket.accept(); OutputStream out = connection.getOutputStream()) {
            accepted.incrementAndGet();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          } catch (IOException closed) {
            return;
          }
        }
      }, "stand-in");
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
      socket.close();
      acceptor.join(5_000);
    }
  }
}
