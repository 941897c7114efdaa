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

/**
 * The server side of the throughput benchmark, in its own JVM so the load generator's garbage
 * and threads never share its heap: a SyncReceiver (signatures enforced, journal without fsync),
 * a second one journaling with fsync, a bare Jetty handler and a recording WireMock server, all on
 * 127.0.0.1 and free ports, and a receiver with no journal (memory only, to show what the journal
 * costs). Prints one line {@code ports receiver=P receiver-fsync=P receiver-memory=P jetty=P
 * wiremock=P}, then serves until its standard input closes, then stops them and deletes the
 * journals.
 *
 * <pre>{@code
 * java -cp ... dev.syncwire.bench.BenchServers   # started by ThroughputBench
 * }</pre>
 */
public final class BenchServers {
  private BenchServers() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("syncwire-bench");
    Path journal = dir.resolve("events.jsonl");
    Path fsyncJournal = dir.resolve("events-fsync.jsonl");
    SyncReceiver receiver = SyncReceiver.start(receiverConfig(journal, false));
    SyncReceiver fsyncReceiver = SyncReceiver.start(receiverConfig(fsyncJournal, true));
    SyncReceiver memoryReceiver = SyncReceiver.start(receiverConfig(null, false));
    BareJetty bare = BareJetty.start();
    WireMockServer wiremock = recordingWireMock();
    try {
      System.out.println("ports receiver=" + receiver.port() + " receiver-fsync=" + fsyncReceiver.port()
          + " receiver-memory=" + memoryReceiver.port() + " jetty=" + bare.port() + " wiremock=" + wiremock.port() + " journal=" + journal);
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the benchmark closes our standard input (or dies)
      }
    } finally {
      wiremock.stop();
      bare.close();
      fsyncReceiver.close();
      memoryReceiver.close();
      receiver.close();
      Files.deleteIfExists(journal);
      Files.deleteIfExists(fsyncJournal);
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
