package dev.syncwire.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server side of the throughput benchmark, one server per JVM, so the load generator and the
 * other servers never share its heap, its garbage collector or its JIT: {@code receiver} (a
 * SyncReceiver, signatures enforced, journal without fsync), {@code receiver-fsync} (journaling
 * with fsync), {@code receiver-memory} (no journal, to show what the journal costs), {@code jetty}
 * (a bare Jetty handler) or {@code wiremock} (a recording WireMock server), on 127.0.0.1 and a
 * free port. Prints one line {@code ports NAME=PORT}, then serves until its standard input
 * closes, then stops and deletes its journal.
 *
 * <pre>{@code
 * java -cp ... dev.syncwire.bench.BenchServers receiver   # started by ThroughputBench, once per server
 * }</pre>
 */
public final class BenchServers {
  static final List<String> NAMES = List.of("receiver", "jetty", "wiremock", "receiver-fsync", "receiver-memory");

  private BenchServers() {}

  public static void main(String[] args) throws IOException {
    String name = args.length == 1 ? args[0] : "";
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("name one server to run, one of " + NAMES + "; received "
          + String.join(" ", args));
    }
    Path dir = Files.createTempDirectory("syncwire-bench");
    Path journal = dir.resolve("events.jsonl");
    AutoCloseable server;
    int port;
    switch (name) {
      case "jetty" -> {
        BareJetty bare = BareJetty.start();
        server = bare;
        port = bare.port();
      }
      case "wiremock" -> {
        WireMockServer wiremock = recordingWireMock();
        server = wiremock::stop;
        port = wiremock.port();
      }
      default -> {
        SyncReceiver receiver = SyncReceiver.start(
            receiverConfig(name.equals("receiver-memory") ? null : journal, name.equals("receiver-fsync")));
        server = receiver;
        port = receiver.port();
      }
    }
    try {
      System.out.println("ports " + name + "=" + port);
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the benchmark closes our standard input (or dies)
      }
    } finally {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("could not stop " + name + ": " + e);
      }
      Files.deleteIfExists(journal);
      Files.deleteIfExists(dir);
    }
  }

  static ReceiverConfig receiverConfig(Path journal, boolean fsync) {
    ReceiverConfig.Builder config = ReceiverConfig.builder()
        .authToken(WebhookPool.AUTH_TOKEN)
        .publicUrl(URI.create(WebhookPool.PUBLIC_URL));
    if (journal != null) {
      config.journal(journal).fsync(fsync);
    }
    return config.build();
  }

  /** WireMock as a user would record webhooks with it: request journal on, one stub answering 200. */
  static WireMockServer recordingWireMock() {
    WireMockServer wiremock = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .notifier(new Slf4jNotifier(false)));
    wiremock.start();
    wiremock.stubFor(post(urlEqualTo("/webhooks")).willReturn(ok()));
    return wiremock;
  }
}
