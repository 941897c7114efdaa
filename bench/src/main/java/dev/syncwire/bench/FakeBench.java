package dev.syncwire.bench;

import static dev.syncwire.bench.Stats.max;
import static dev.syncwire.bench.Stats.median;
import static dev.syncwire.bench.Stats.min;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.FormParams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Requests per second of {@code SyncApiFake} against a plain WireMock server answering the same
 * JSON from canned stubs, under the same closed-loop load in one run: warm-up, then
 * {@code rounds} rounds of one fixed-length phase per server, the order
 * reversed or rotated each round.
 * Each server runs in a JVM of its own ({@link FakeServers}); this one generates the load.
 *
 * <p>The calls are twilio-java's, replayed: the fake's JVM makes each call once through the SDK
 * and hands over method, URL, headers and body as the fake recorded them; here only the values
 * change (a new document body, a new unique map key). Mix, one third each: document update
 * ({@code POST .../Documents/call-state}, {@code Data}), map item create
 * ({@code POST .../Maps/user-presence/Items}, {@code Key} unique, {@code Data}, {@code ItemTtl=300})
 * and list item page ({@code GET .../Lists/activity-feed/Items?PageSize=50&Order=desc}, 100 items).
 * Any non-2xx answer stops the run (exit 1).
 *
 * <pre>{@code
 * bench/run-fake throughput     # or: java -cp ... dev.syncwire.bench.FakeBench --seconds 8 --rounds 3 --concurrency 32
 * }</pre>
 */
public final class FakeBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String[] KINDS = {"document update", "map item create", "list item page"};

  private FakeBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args,
        "--seconds 8 --warmup 10 --rounds 3 --concurrency 32 --server-heap 8g --server-jvm '-XX:...'");
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "8"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
    String serverHeap = options.getOrDefault("server-heap", "8g");
    String serverJvmOptions = options.getOrDefault("server-jvm", "");

    // One JVM per server: in one JVM, WireMock's third RequestJournalStore type made the fake's
    // journal calls megamorphic, and the fake's first measured round ran at a third of its speed.
    Map<String, Process> servers = new LinkedHashMap<>();
    boolean passed = false;
    try (FakeLoad load = FakeLoad.start(concurrency, KINDS.length)) {
      Process fakeJvm = startServer(serverHeap, serverJvmOptions, "--serve", "fake");
      servers.put("SyncApiFake", fakeJvm);
      BufferedReader out = new BufferedReader(new InputStreamReader(fakeJvm.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> ports = new LinkedHashMap<>(BenchArgs.ports(out));
      String sdkLine = out.readLine();
      if (sdkLine == null || !sdkLine.startsWith("sdk ")) {
        throw new IllegalStateException("the fake's JVM did not print the SDK's calls; it printed: " + sdkLine);
      }
      JsonNode sdk = JSON.readTree(sdkLine.substring(4));
      Path stubs = java.nio.file.Files.createTempFile("syncwire-fake-bench-stubs", ".json");
      stubs.toFile().deleteOnExit();
      java.nio.file.Files.writeString(stubs, sdkLine.substring(4));
      for (String[] server : new String[][] {{"plain WireMock", "wiremock"}, {"WireMock, fake's settings",
          "wiremock-tuned"}}) {
        Process jvm = startServer(serverHeap, serverJvmOptions, "--serve", server[1], "--stubs", stubs.toString());
        servers.put(server[0], jvm);
        ports.putAll(BenchArgs.ports(
            new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))));
      }
      System.out.println("twilio-java's calls, as the fake recorded them (replayed with new Data/Key values):");
      for (JsonNode call : sdk) {
        System.out.printf(Locale.ROOT, "  %s %s  body %s  -> %d, %,d bytes%n    headers %s%n", call.get("method").asText(),
            call.get("url").asText(), call.get("body").asText().isEmpty() ? "-" : call.get("body").asText(),
            call.get("status").asInt(), call.get("answerBytes").asInt(), redact(call.get("headers")));
      }
      long runId = System.currentTimeMillis();
      Map<String, LongFunction<FakeLoad.Call>> targets = new LinkedHashMap<>();
      targets.put("SyncApiFake", mix(sdk, URI.create("http://127.0.0.1:" + ports.get("fake")), runId));
      targets.put("plain WireMock", mix(sdk, URI.create("http://127.0.0.1:" + ports.get("wiremock")), runId));
      targets.put("WireMock, fake's settings", mix(sdk, URI.create("http://127.0.0.1:" + ports.get("wiremock-tuned")),
          runId));
      System.out.printf(Locale.ROOT, "servers each in its own JVM, pids %s (-Xmx%s %s), load from pid %d: "
              + "%d connections, %d s warm-up and %d x %d s per server; load average %s%n",
          servers.values().stream().map(p -> String.valueOf(p.pid())).toList(), serverHeap,
          serverJvmOptions, ProcessHandle.current().pid(), concurrency, warmup, rounds, seconds, loadAverage());

      for (Map.Entry<String, LongFunction<FakeLoad.Call>> t : targets.entrySet()) {
        FakeLoad.Phase phase = load.run(t.getKey(), t.getValue(), warmup * 1000L);
        System.out.printf(Locale.ROOT, "warm-up %-26s %,9.0f req/s%n", t.getKey(), phase.perSecond());
      }
      Map<String, List<FakeLoad.Phase>> results = new LinkedHashMap<>();
      Map<String, List<double[]>> cpu = new LinkedHashMap<>();
      targets.keySet().forEach(name -> results.put(name, new ArrayList<>()));
      List<String> names = new ArrayList<>(targets.keySet());
      for (int round = 0; round < rounds; round++) {
        // Round 1 a-b-c, round 2 reversed, round 3 rotated: no server always goes first.
        List<String> order = new ArrayList<>(names);
        java.util.Collections.rotate(order, -(round / 2));
        if (round % 2 == 1) {
          java.util.Collections.reverse(order);
        }
        for (String name : order) {
          long serverCpu0 = cpuNanos(servers.get(name));
          long loadCpu0 = ownCpuNanos();
          FakeLoad.Phase phase = load.run(name, targets.get(name), seconds * 1000L);
          double serverUs = (cpuNanos(servers.get(name)) - serverCpu0) / 1e3 / phase.ok();
          double loadUs = (ownCpuNanos() - loadCpu0) / 1e3 / phase.ok();
          results.get(name).add(phase);
          cpu.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {serverUs, loadUs});
          StringBuilder kinds = new StringBuilder();
          for (int k = 0; k < KINDS.length; k++) {
            kinds.append(String.format(Locale.ROOT, "  %s p50 %.2f", KINDS[k], FakeLoad.Phase.millis(phase.byKind()[k], 0.5)));
          }
          System.out.printf(Locale.ROOT, "round %d %-26s %,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  CPU/req server %.0f us,"
                  + " load %.0f us |%s  (load %s)%n", round + 1, name, phase.perSecond(), phase.latencyMillis(0.50),
              phase.latencyMillis(0.99), serverUs, loadUs, kinds, loadAverage());
        }
      }
      System.out.println();
      System.out.print(table(results, rounds));
      System.out.println();
      System.out.println("CPU time per request, median of rounds (contention inflates it too, up to 2x between rounds"
          + " here; compare servers within one run). Projection: cores / CPU per request, at this CPU cost:");
      int cores = Runtime.getRuntime().availableProcessors();
      for (Map.Entry<String, List<double[]>> e : cpu.entrySet()) {
        double server = median(e.getValue().stream().mapToDouble(x -> x[0]).toArray());
        double client = median(e.getValue().stream().mapToDouble(x -> x[1]).toArray());
        System.out.printf(Locale.ROOT, "  %-26s server JVM %5.0f us, load JVM %5.0f us  -> %,6.0f req/s with all %d cores"
                + " for the server, %,6.0f req/s with this load generator beside it%n", e.getKey(), server,
            client, cores * 1e6 / server, cores, cores * 1e6 / (server + client));
      }
      passed = true;
    } finally {
      for (Process server : servers.values()) {
        server.getOutputStream().close();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroy();
        }
      }
      if (!passed) {
        System.err.println("FAILED; see above");
      }
    }
  }

  /** Request n: kind n % 3, with the SDK's headers and a body like the SDK's. */
  static LongFunction<FakeLoad.Call> mix(JsonNode sdk, URI base, long runId) {
    List<FakeLoad.Call> templates = new ArrayList<>();
    for (int k = 0; k < sdk.size(); k++) {
      JsonNode call = sdk.get(k);
      Map<String, String> headers = new LinkedHashMap<>();
      call.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
      String body = call.get("method").asText().equals("GET") ? null : call.get("body").asText();
      templates.add(new FakeLoad.Call(call.get("method").asText(), base.resolve(call.get("url").asText()), headers,
          body, k));
    }
    java.util.concurrent.atomic.AtomicLong keys = new java.util.concurrent.atomic.AtomicLong();
    return n -> {
      int kind = (int) (n % templates.size());
      FakeLoad.Call t = templates.get(kind);
      if (t.body() == null) {
        return t;
      }
      List<FormParams.Param> params = new ArrayList<>();
      for (FormParams.Param p : FormParams.parse(t.body()).asList()) {
        String value = switch (p.name()) {
          case "Key" -> "user-" + runId + "-" + keys.incrementAndGet(); // never repeats across phases
          case "Data" -> kind == 0 ? "{\"stage\":\"menu\",\"n\":" + n + "}" : "{\"status\":\"online\",\"n\":" + n + "}";
          default -> p.value();
        };
        params.add(new FormParams.Param(p.name(), value));
      }
      return new FakeLoad.Call(t.method(), t.url(), t.headers(), FormParams.of(params).encode(), kind);
    };
  }

  static String table(Map<String, List<FakeLoad.Phase>> results, int rounds) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-26s %28s %22s %22s%n", "server", "req/s (median, min-max)",
        "p50 ms (min-max)", "p99 ms (min-max)"));
    for (Map.Entry<String, List<FakeLoad.Phase>> e : results.entrySet()) {
      double[] rps = e.getValue().stream().mapToDouble(FakeLoad.Phase::perSecond).toArray();
      double[] p50 = e.getValue().stream().mapToDouble(p -> p.latencyMillis(0.5)).toArray();
      double[] p99 = e.getValue().stream().mapToDouble(p -> p.latencyMillis(0.99)).toArray();
      out.append(String.format(Locale.ROOT, "%-26s %,10.0f (%,7.0f-%,7.0f) %9.2f (%5.2f-%5.2f) %9.2f (%5.2f-%5.2f)%n",
          e.getKey(), median(rps), min(rps), max(rps),
          median(p50), min(p50), max(p50),
          median(p99), min(p99), max(p99)));
    }
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = results.get("SyncApiFake").get(r).perSecond() / results.get("plain WireMock").get(r).perSecond();
    }
    double[] tunedRatios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      tunedRatios[r] = results.get("SyncApiFake").get(r).perSecond()
          / results.get("WireMock, fake's settings").get(r).perSecond();
    }
    out.append(String.format(Locale.ROOT, "%nSyncApiFake / WireMock with the fake's settings %5.2fx (rounds %s)",
        median(tunedRatios),
        Arrays.stream(tunedRatios).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
    double fake = median(results.get("SyncApiFake").stream().mapToDouble(FakeLoad.Phase::perSecond)
        .toArray());
    out.append(String.format(Locale.ROOT, "%nSyncApiFake / plain WireMock %5.2fx (rounds %s)%n",
        median(ratios),
        Arrays.stream(ratios).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
    out.append(String.format(Locale.ROOT, "SyncApiFake >= 5,000 req/s: %s (median %,.0f)%n",
        fake >= 5000 ? "met" : "NOT met", fake));
    return out.toString();
  }

  private static String redact(JsonNode headers) {
    Map<String, String> shown = new LinkedHashMap<>();
    headers.fields().forEachRemaining(h -> shown.put(h.getKey(),
        h.getKey().equalsIgnoreCase("Authorization") ? "Basic <account SID:auth token>" : h.getValue().asText()));
    return shown.toString();
  }

  /** CPU time (user + system) the process has used so far, in ns. */
  private static long cpuNanos(Process process) {
    return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for pid "
        + process.pid())).toNanos();
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  static String loadAverage() {
    try {
      String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "?";
    }
  }

  private static Process startServer(String heap, String jvmOptions, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    if (!jvmOptions.isBlank()) {
      command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FakeServers.class.getName()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return builder.start();
  }
}
