package dev.syncwire.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.proxy.LocalCa;
import java.net.URI;
import java.nio.file.Path;

/**
 * The server side of {@link ProxyBench}, in its own JVM: one {@link SyncApiFake} with its HTTPS
 * proxy on, started as users start it ({@code SyncApiFake.builder().proxy(LocalCa.loadOrCreate(dir))},
 * CONNECT on the fake's own port), holding what {@link FakeServers#prepare} makes through twilio-java.
 *
 * <p>Prints {@code ports fake=P proxy=Q}, then {@code ca <path of ca.pem>}, then {@code sdk <json>}
 * (the three calls, as for {@link FakeBench}). Serves until its standard input closes.
 */
public final class ProxyServers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProxyServers() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ProxyServers CA_DIR (where the bench's own CA is made or read)");
    }
    LocalCa ca = LocalCa.loadOrCreate(Path.of(args[0]));
    try (SyncApiFake fake = SyncApiFake.builder().proxy(ca).start()) {
      ArrayNode sdk = FakeServers.prepare(fake);
      sdk.forEach(call -> ((ObjectNode) call).remove("answer"));
      System.out.println("ports fake=" + fake.port() + " proxy=" + URI.create(fake.proxyUrl()).getPort());
      System.out.println("ca " + ca.certificateFile().toAbsolutePath());
      System.out.println("sdk " + JSON.writeValueAsString(sdk));
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the benchmark closes our standard input (or dies)
      }
    }
  }
}
