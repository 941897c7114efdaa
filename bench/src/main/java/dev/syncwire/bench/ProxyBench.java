package dev.syncwire.bench;

import static dev.syncwire.bench.Stats.max;
import static dev.syncwire.bench.Stats.median;
import static dev.syncwire.bench.Stats.min;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;

/**
 * Requests per second through the fake's HTTPS proxy next to the fake answering directly, in one
 * run, from one client: the same Jetty {@code HttpClient} ({@link FakeLoad}, closed loop, one
 * kept-alive connection per lane) sends the same twilio-java calls ({@link FakeBench#mix}) either
 * to {@code http://127.0.0.1:PORT} (direct) or to {@code https://sync.twilio.com} through the proxy
 * ({@code CONNECT}, TLS with a leaf certificate from the bench's own CA, trusted by this client
 * only; the proxy is used for {@code sync.twilio.com:443} and for nothing else). The fake runs in
 * a second JVM ({@link ProxyServers}). Rounds alternate the order; the ratio is taken per round.
 * Every connection stays on loopback: nothing resolves or reaches {@code sync.twilio.com} itself.
 *
 * <pre>{@code
 * bench/run-fake proxy     # or: java -cp ... dev.syncwire.bench.ProxyBench --seconds 5 --rounds 3 --concurrency 16
 * }</pre>
 */
public final class ProxyBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIRECT = "direct (HTTP)";
  private static final String PROXIED = "proxy (HTTPS, keep-alive)";
  /** The host the proxied requests name; the proxy answers for it from the fake. */
  private static final String TWILIO = "sync.twilio.com";

  private ProxyBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args,
        "--seconds 5 --warmup 5 --rounds 3 --concurrency 16 --server-heap 2g --ca-dir bench/target/proxy-bench-ca");
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "5"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
    String serverHeap = options.getOrDefault("server-heap", "2g");
    Path caDir = Path.of(options.getOrDefault("ca-dir", "bench/target/proxy-bench-ca"));

    Process servers = startServers(serverHeap, caDir);
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> ports = BenchArgs.ports(out);
      Path caFile = Path.of(expect(out.readLine(), "ca "));
      JsonNode sdk = JSON.readTree(expect(out.readLine(), "sdk "));
      int proxyPort = Integer.parseInt(ports.get("proxy"));
      long runId = System.currentTimeMillis();
      Map<String, LongFunction<FakeLoad.Call>> targets = new LinkedHashMap<>();
      targets.put(DIRECT, FakeBench.mix(sdk, URI.create("http://127.0.0.1:" + ports.get("fake")), runId));
      targets.put(PROXIED, FakeBench.mix(sdk, URI.create("https://" + TWILIO), runId + 1)); // own map keys
      KeyStore trustStore = trusting(caFile);

      try (FakeLoad load = FakeLoad.start(concurrency, FakeBench.KINDS.length, client -> {
        HttpProxy proxy = new HttpProxy(new Origin.Address("127.0.0.1", proxyPort), false);
        proxy.getIncludedAddresses().add(TWILIO + ":443"); // everything else (the direct phase) goes direct
        client.getProxyConfiguration().addProxy(proxy);
        org.eclipse.jetty.util.ssl.SslContextFactory.Client tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Client();
        tls.setTrustStore(trustStore); // host names are checked too (endpoint identification HTTPS, Jetty's default)
        client.setSslContextFactory(tls);
      })) {
        System.out.printf(Locale.ROOT, "fake (pid %d, -Xmx%s) on port %s, its proxy on %d (CONNECT on the fake's own"
                + " port: %s); CA %s%nload from pid %d: %d connections per target, %d s warm-up and %d x %d s per"
                + " target; load average %s%n", servers.pid(), serverHeap, ports.get("fake"), proxyPort,
            ports.get("fake").equals(String.valueOf(proxyPort)), caFile, ProcessHandle.current().pid(), concurrency,
            warmup, rounds, seconds, FakeBench.loadAverage());
        for (Map.Entry<String, LongFunction<FakeLoad.Call>> t : targets.entrySet()) {
          FakeLoad.Phase phase = load.run(t.getKey(), t.getValue(), warmup * 1000L);
          System.out.printf(Locale.ROOT, "warm-up %-26s %,9.0f req/s%n", t.getKey(), phase.perSecond());
        }
        Map<String, List<FakeLoad.Phase>> results = new LinkedHashMap<>();
        targets.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
          List<String> order = new ArrayList<>(targets.keySet());
          if (round % 2 == 1) {
            Collections.reverse(order); // neither target always goes first
          }
          for (String name : order) {
            FakeLoad.Phase phase = load.run(name, targets.get(name), seconds * 1000L);
            results.get(name).add(phase);
            System.out.printf(Locale.ROOT, "round %d %-26s %,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (load %s)%n",
                round + 1, name, phase.perSecond(), phase.latencyMillis(0.50), phase.latencyMillis(0.99),
                FakeBench.loadAverage());
          }
        }
        System.out.println();
        System.out.print(table(results, rounds));
      }
    } finally {
      servers.getOutputStream().close();
      if (!servers.waitFor(10, TimeUnit.SECONDS)) {
        servers.destroy();
      }
    }
  }

  static String table(Map<String, List<FakeLoad.Phase>> results, int rounds) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-26s %28s %22s %22s%n", "target", "req/s (median, min-max)",
        "p50 ms (min-max)", "p99 ms (min-max)"));
    for (Map.Entry<String, List<FakeLoad.Phase>> e : results.entrySet()) {
      double[] rps = e.getValue().stream().mapToDouble(FakeLoad.Phase::perSecond).toArray();
      double[] p50 = e.getValue().stream().mapToDouble(p -> p.latencyMillis(0.5)).toArray();
      double[] p99 = e.getValue().stream().mapToDouble(p -> p.latencyMillis(0.99)).toArray();
      out.append(String.format(Locale.ROOT, "%-26s %,10.0f (%,7.0f-%,7.0f) %9.2f (%5.2f-%5.2f) %9.2f (%5.2f-%5.2f)%n",
          e.getKey(), median(rps), min(rps), max(rps), median(p50), min(p50), max(p50), median(p99), min(p99),
          max(p99)));
    }
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = results.get(PROXIED).get(r).perSecond() / results.get(DIRECT).get(r).perSecond();
    }
    double ratio = median(ratios);
    out.append(String.format(Locale.ROOT, "%nproxy / direct %5.2fx (rounds %s); target >= 0.5x: %s%n", ratio,
        Arrays.stream(ratios).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList(),
        ratio >= 0.5 ? "met" : "NOT met"));
    return out.toString();
  }

  /** A trust store holding only the bench's CA: this client trusts it, nothing else on the machine does. */
  private static KeyStore trusting(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      int n = 0;
      for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("syncwire-bench-ca-" + n++, c);
      }
    }
    return store;
  }

  private static String expect(String line, String prefix) {
    if (line == null || !line.startsWith(prefix)) {
      throw new IllegalStateException("the server JVM should print a line starting '" + prefix + "'; it printed: " + line);
    }
    return line.substring(prefix.length());
  }

  private static Process startServers(String heap, Path caDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xms" + heap, "-Xmx" + heap,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        ProxyServers.class.getName(), caDir.toString());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return builder.start();
  }
}
