package dev.syncwire.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.harness.fake.SyncApiFake;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server side of {@link FakeBench}, one server per JVM ({@code --serve fake}, {@code wiremock}
 * or {@code wiremock-tuned}), so that no server's classes change how the JIT compiles another's: a
 * {@link SyncApiFake} (as users start it: {@code SyncApiFake.builder().start()}) with a document
 * {@code call-state}, a map {@code user-presence} and a list {@code activity-feed} of 100 items, all made through the
 * twilio-java SDK; and a plain WireMock server (WireMock's defaults) with three canned stubs that
 * answer exactly the JSON the fake answered for the three benchmarked calls; and the same stubs on
 * a WireMock server with the fake's own WireMock settings ({@link #fakesSettings()}, as SyncApiFake's
 * javadoc lists them), which separates what the settings save from what the Sync logic costs.
 *
 * <p>The fake prints one line {@code ports fake=P}, then one line {@code sdk <json>} holding the three
 * requests twilio-java sent (method, URL, headers, body, answer) as the fake's request journal
 * recorded them, so the load JVM replays exactly what the SDK sends; the WireMock servers read that
 * JSON from {@code --stubs FILE} and print {@code ports NAME=P}. Each serves until its standard
 * input closes.
 */
public final class FakeServers {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Set by the transport, not by the SDK: the load generator's own client writes these. */
  private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");

  private FakeServers() {}

  /**
   * What SyncApiFake sets on WireMock: no per-request log text, no gzip, one acceptor, Jetty's 25
   * threads. The fake's bounded request journal is its own (not public API), so this server keeps
   * no journal: if anything, that favours WireMock.
   */
  static WireMockConfiguration fakesSettings() {
    return WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .notifier(new Slf4jNotifier(false))
        .stubRequestLoggingDisabled(true)
        .gzipDisabled(true)
        .jettyAcceptors(1)
        .containerThreads(25)
        .disableRequestJournal();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args, "--serve fake | --serve wiremock --stubs FILE"
        + " | --serve wiremock-tuned --stubs FILE");
    String serve = options.getOrDefault("serve", "fake");
    switch (serve) {
      case "fake" -> serveFake();
      case "wiremock", "wiremock-tuned" -> {
        String stubs = options.get("stubs");
        if (stubs == null) {
          throw new IllegalArgumentException("--serve " + serve + " needs --stubs FILE (the fake's sdk line)");
        }
        serveStubs(serve, (ArrayNode) JSON.readTree(Path.of(stubs).toFile()));
      }
      default -> throw new IllegalArgumentException("--serve must be fake, wiremock or wiremock-tuned; received "
          + serve);
    }
  }

  /** Prints {@code ports fake=P} and {@code sdk <json>} (each call with its answer), then serves. */
  private static void serveFake() throws Exception {
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      ArrayNode sdk = prepare(fake);
      System.out.println("ports fake=" + fake.port());
      System.out.println("sdk " + JSON.writeValueAsString(sdk));
      serveUntilStdinCloses();
    }
  }

  /** One WireMock server answering the fake's recorded answers; prints {@code ports NAME=P}, then serves. */
  private static void serveStubs(String name, ArrayNode sdk) throws Exception {
    WireMockServer server = new WireMockServer(name.equals("wiremock")
        ? WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort() : fakesSettings());
    server.start();
    try {
      for (int i = 0; i < sdk.size(); i++) {
        ObjectNode call = (ObjectNode) sdk.get(i);
        String path = call.get("url").asText().replaceFirst("\\?.*", "");
        // Same answer, same size, on a path-pattern stub per call: what a hand-written WireMock
        // stub of the Sync API would look like.
        String pattern = path.replaceFirst("/Services/[^/]+/", "/Services/[^/]+/")
            .replaceFirst("/Documents/[^/]+$", "/Documents/[^/]+");
        MappingBuilder stub = call.get("method").asText().equals("GET") ? get(urlPathMatching(pattern))
            : post(urlPathMatching(pattern));
        server.stubFor(stub.willReturn(aResponse().withStatus(call.get("status").asInt())
            .withHeader("Content-Type", "application/json").withBody(call.get("answer").asText())));
      }
      System.out.println("ports " + name + "=" + server.port());
      serveUntilStdinCloses();
    } finally {
      server.stop();
    }
  }

  private static void serveUntilStdinCloses() throws java.io.IOException {
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the benchmark closes our standard input (or dies)
    }
  }

  /** Creates the objects through the SDK, then makes the three benchmarked calls once and reads them back from the journal. */
  static ArrayNode prepare(SyncApiFake fake) {
    TwilioRestClient client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    Document.creator(service).setUniqueName("call-state").setData(Map.of("stage", "start")).create(client);
    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    SyncList.creator(service).setUniqueName("activity-feed").create(client);
    for (int i = 0; i < 100; i++) {
      SyncListItem.creator(service, "activity-feed", Map.of("event", "joined", "user", "user-" + i, "n", i))
          .create(client);
    }
    Document.updater(service, "call-state").setData(Map.of("stage", "menu", "n", 0)).update(client);
    SyncMapItem.creator(service, "user-presence", "user-0", Map.of("status", "online")).setItemTtl(300).create(client);
    SyncListItem.reader(service, "activity-feed").setOrder(SyncListItem.QueryResultOrder.DESC).setPageSize(50L)
        .firstPage(client);
    List<ServeEvent> events = fake.wireMock().getAllServeEvents(); // newest first
    ArrayNode calls = JSON.createArrayNode();
    for (int i = 2; i >= 0; i--) {
      ServeEvent e = events.get(i);
      ObjectNode call = calls.addObject();
      call.put("method", e.getRequest().getMethod().value());
      call.put("url", e.getRequest().getUrl());
      ObjectNode headers = call.putObject("headers");
      for (HttpHeader h : e.getRequest().getHeaders().all()) {
        if (!TRANSPORT_HEADERS.contains(h.key().toLowerCase(Locale.ROOT))) {
          headers.put(h.key(), h.firstValue());
        }
      }
      call.put("body", e.getRequest().getBodyAsString());
      call.put("status", e.getResponse().getStatus());
      call.put("answer", e.getResponse().getBodyAsString());
      call.put("answerBytes", e.getResponse().getBody().length);
    }
    return calls;
  }
}
