package dev.syncwire.bench;

import static dev.syncwire.bench.Stats.max;
import static dev.syncwire.bench.Stats.median;
import static dev.syncwire.bench.Stats.min;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Requests per second of a SyncReceiver (signature enforced, every parameter checked, journaled)
 * against a bare Jetty handler and a recording WireMock server, under the same closed-loop load
 * in one run: warm-up, then {@code rounds} rounds of one fixed-length phase per server, the order
 * rotated each round. Each server runs in its own JVM ({@link BenchServers}); this one builds the
 * webhooks and generates the load. Fails (exit 1) on any non-200 answer or when a server's count
 * of what it recorded differs from what was sent.
 *
 * <pre>{@code
 * java -cp ... dev.syncwire.bench.ThroughputBench --seconds 8 --rounds 3 --concurrency 48
 * }</pre>
 */
public final class ThroughputBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ThroughputBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args,
        "--seconds 8 --warmup 10 --rounds 3 --concurrency 48 --pool 250000 --server-heap 1g"
            + " --servers receiver,jetty,wiremock,receiver-fsync");
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "8"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "48"));
    int poolSize = Integer.parseInt(options.getOrDefault("pool", "250000"));
    String serverHeap = options.getOrDefault("server-heap", "1g");

    long t0 = System.nanoTime();
    WebhookPool pool = WebhookPool.build(poolSize);
    System.out.printf(Locale.ROOT, "built %,d signed webhooks (mean body %.0f bytes) in %.1f s%n", pool.size(),
        pool.meanBodyBytes(), (System.nanoTime() - t0) / 1e9);

    List<String> chosen = List.of(
        options.getOrDefault("servers", "receiver,jetty,wiremock,receiver-fsync").split(","));
    for (String name : chosen) {
      if (!BenchServers.NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown server '" + name + "'; choose from " + BenchServers.NAMES);
      }
    }
    List<Target> targets = new ArrayList<>();
    boolean passed = false;
    try (LoadGenerator load = LoadGenerator.start(concurrency)) {
      for (String name : BenchServers.NAMES) {
        if (chosen.contains(name)) {
          Process process = startServer(serverHeap, name);
          String port = readPorts(process).get(name);
          targets.add(switch (name) {
            case "jetty" -> Target.jetty(port, pool, process);
            case "wiremock" -> Target.wiremock(port, pool, process);
            default -> Target.receiver(name, port, pool, process);
          });
        }
      }
      System.out.printf(Locale.ROOT, "servers each in its own JVM (-Xmx%s, pids %s), load from pid %d: %d connections, "
              + "%d s warm-up and %d x %d s per server%n", serverHeap,
          targets.stream().map(t -> t.name + "=" + t.process.pid()).toList(), ProcessHandle.current().pid(),
          concurrency, warmup, rounds, seconds);

      for (Target target : targets) {
        Phase phase = measure(load, target, pool, warmup * 1000L);
        System.out.printf(Locale.ROOT, "warm-up %-15s %,9.0f req/s  %s%n", target.name, phase.run.perSecond(),
            phase.note);
      }
      // WireMock's C2 was still compiling well after its first warm-up; a second, shorter pass
      // over every server lets the JIT settle before anything is measured. The JIT column of each
      // phase shows whether it did.
      for (Target target : targets) {
        Phase phase = measure(load, target, pool, Math.max(3, warmup / 4) * 1000L);
        System.out.printf(Locale.ROOT, "settle  %-15s %,9.0f req/s  %s%n", target.name, phase.run.perSecond(),
            phase.note);
      }
      Map<String, List<Phase>> results = new LinkedHashMap<>();
      targets.forEach(t -> results.put(t.name, new ArrayList<>()));
      for (int round = 0; round < rounds; round++) {
        List<Target> order = order(targets, round);
        for (Target target : order) {
          target.resetMemory(load);
        }
        for (Target target : order) {
          Phase phase = measure(load, target, pool, seconds * 1000L);
          results.get(target.name).add(phase);
          System.out.printf(Locale.ROOT, "round %d %-15s %,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %s%n", round + 1,
              target.name, phase.run.perSecond(), phase.run.latencyMillis(0.50), phase.run.latencyMillis(0.99),
              phase.note);
        }
      }
      System.out.println();
      System.out.print(table(results, rounds));
      passed = true;
    } finally {
      for (Target target : targets) {
        target.process.getOutputStream().close();
      }
      for (Target target : targets) {
        if (!target.process.waitFor(10, TimeUnit.SECONDS)) {
          target.process.destroy();
        }
      }
      if (!passed) {
        System.err.println("FAILED; see above");
      }
    }
  }

  /** Round 1 a-b-c-d, round 2 reversed, round 3 rotated, and so on: no server always goes first. */
  static List<Target> order(List<Target> targets, int round) {
    List<Target> order = new ArrayList<>(targets);
    java.util.Collections.rotate(order, -(round / 2));
    if (round % 2 == 1) {
      java.util.Collections.reverse(order);
    }
    return order;
  }

  /**
   * @param serverCpuMicros CPU time the server JVM used per answered request during the phase (all
   *     its threads, user + system): unlike req/s, it hardly depends on what else the machine runs
   */
  private record Phase(LoadGenerator.Phase run, String note, double serverCpuMicros, double jitMicros,
      double gcMicros) {}

  private static Phase measure(LoadGenerator load, Target target, WebhookPool pool, long millis) throws Exception {
    Process servers = target.process;
    Map<String, Long> before = target.counters(load);
    long cpuBefore = cpuNanos(servers);
    ThreadCpu threadsBefore = ThreadCpu.of(servers.pid());
    LoadGenerator.Phase run = load.run(target.name, target.url, pool, target.cursor, millis, Long.MAX_VALUE);
    long cpuAfter = cpuNanos(servers);
    ThreadCpu threads = ThreadCpu.of(servers.pid()).minus(threadsBefore);
    if (run.failed() > 0) {
      throw new IllegalStateException(target.name + ": " + run.failed() + " of " + (run.ok() + run.failed())
          + " webhooks were not answered 200; first: " + run.firstFailure());
    }
    Map<String, Long> after = target.counters(load);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (after.get("recorded") - before.get("recorded") != run.ok() && System.nanoTime() < deadline) {
      Thread.sleep(50); // WireMock may journal a request just after answering it
      after = target.counters(load);
    }
    Map<String, Long> delta = new LinkedHashMap<>();
    after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
    if (delta.get("recorded") != run.ok()) {
      throw new IllegalStateException(target.name + ": sent " + run.ok() + " webhooks answered 200, but the server"
          + " recorded " + delta.get("recorded") + " (counters before " + before + ", after " + after + ")");
    }
    for (String mustStayZero : List.of("rejected", "duplicates")) {
      if (delta.getOrDefault(mustStayZero, 0L) != 0) {
        throw new IllegalStateException(target.name + ": " + delta.get(mustStayZero) + " " + mustStayZero
            + " among " + run.ok() + " distinct, correctly signed webhooks (counters " + after + ")");
      }
    }
    String note = "recorded " + delta.get("recorded") + "/" + run.ok();
    if (delta.containsKey("linesWritten")) {
      if (delta.get("linesWritten") != run.ok()) {
        throw new IllegalStateException(target.name + ": " + run.ok() + " accepted but " + delta.get("linesWritten")
            + " journal lines written");
      }
      note += String.format(Locale.ROOT, ", %.1f lines per journal write",
          (double) delta.get("linesWritten") / Math.max(1, delta.get("batchesWritten")));
    }
    double perRequest = 1e3 * Math.max(1, run.ok());
    double cpuMicros = (cpuAfter - cpuBefore) / perRequest;
    double jitMicros = threads.jitNanos() / perRequest;
    double gcMicros = threads.gcNanos() / perRequest;
    note += String.format(Locale.ROOT, ", server CPU %.0f us/req (JIT %.0f, GC %.0f)", cpuMicros, jitMicros,
        gcMicros);
    return new Phase(run, note, cpuMicros, jitMicros, gcMicros);
  }

  /**
   * CPU time of the server JVM's JIT compiler threads and of its garbage collector (GC workers,
   * G1's concurrent threads, the VM thread), from /proc/PID/task/TID/stat in 10 ms ticks; zero
   * where /proc is missing. The JIT share shows whether a phase ran on warmed-up code.
   */
  record ThreadCpu(long jitNanos, long gcNanos) {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    static ThreadCpu of(long pid) {
      long jit = 0;
      long gc = 0;
      try (var tasks = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          String stat;
          try {
            stat = java.nio.file.Files.readString(task.resolve("stat"));
          } catch (java.io.IOException gone) {
            continue; // the thread ended meanwhile
          }
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            jit += ticks * NANOS_PER_TICK;
          } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            gc += ticks * NANOS_PER_TICK;
          }
        }
      } catch (java.io.IOException | RuntimeException noProc) {
        return new ThreadCpu(0, 0);
      }
      return new ThreadCpu(jit, gc);
    }

    ThreadCpu minus(ThreadCpu before) {
      return new ThreadCpu(jitNanos - before.jitNanos, gcNanos - before.gcNanos);
    }
  }

  /** CPU time of a process so far (Linux: /proc/PID/stat, 10 ms ticks). */
  private static long cpuNanos(Process process) {
    return process.info().totalCpuDuration().map(java.time.Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("this OS does not report a process's CPU time"));
  }

  static String table(Map<String, List<Phase>> results, int rounds) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-15s %28s %22s %22s %26s", "server", "req/s (median, min-max)",
        "p50 ms (min-max)", "p99 ms (min-max)", "server CPU us/req (min-max)") + "  of it JIT, GC" + System.lineSeparator());
    for (Map.Entry<String, List<Phase>> e : results.entrySet()) {
      double[] rps = e.getValue().stream().mapToDouble(p -> p.run.perSecond()).toArray();
      double[] p50 = e.getValue().stream().mapToDouble(p -> p.run.latencyMillis(0.5)).toArray();
      double[] p99 = e.getValue().stream().mapToDouble(p -> p.run.latencyMillis(0.99)).toArray();
      double[] cpu = e.getValue().stream().mapToDouble(p -> p.serverCpuMicros).toArray();
      double[] jit = e.getValue().stream().mapToDouble(p -> p.jitMicros).toArray();
      double[] gc = e.getValue().stream().mapToDouble(p -> p.gcMicros).toArray();
      out.append(String.format(Locale.ROOT,
          "%-15s %,10.0f (%,7.0f-%,7.0f) %9.2f (%5.2f-%5.2f) %9.2f (%5.2f-%5.2f) %12.0f (%4.0f-%4.0f) %6.0f, %.0f%n",
          e.getKey(), median(rps), min(rps), max(rps), median(p50), min(p50), max(p50), median(p99), min(p99),
          max(p99), median(cpu), min(cpu), max(cpu), median(jit), median(gc)));
    }
    out.append('\n');
    cpuRatio(out, results, "receiver", "jetty", rounds);
    cpuRatio(out, results, "receiver-fsync", "jetty", rounds);
    ratio(out, results, "receiver", "jetty", 0.8, rounds);
    ratio(out, results, "receiver", "wiremock", 3.0, rounds);
    ratio(out, results, "receiver-fsync", "jetty", 0.8, rounds);
    ratio(out, results, "receiver-fsync", "wiremock", 3.0, rounds);
    return out.toString();
  }

  private static void ratio(StringBuilder out, Map<String, List<Phase>> results, String a, String b, double target,
      int rounds) {
    if (!results.containsKey(a) || !results.containsKey(b)) {
      return; // one of them was left out with --servers
    }
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = results.get(a).get(r).run.perSecond() / results.get(b).get(r).run.perSecond();
    }
    double m = median(ratios);
    out.append(String.format(Locale.ROOT, "%-15s / %-9s %5.2fx (rounds %s)  target >= %.1fx: %s%n", a, b, m,
        Arrays.stream(ratios).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList(), target,
        min(ratios) >= target ? "met" : m >= target ? "met on the median, not every round" : "NOT met"));
  }

  /** Server CPU per request relative to the bare handler's, same round: the load-independent view of the gap. */
  private static void cpuRatio(StringBuilder out, Map<String, List<Phase>> results, String a, String b, int rounds) {
    if (!results.containsKey(a) || !results.containsKey(b)) {
      return; // one of them was left out with --servers
    }
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = results.get(a).get(r).serverCpuMicros / results.get(b).get(r).serverCpuMicros;
    }
    out.append(String.format(Locale.ROOT, "%-15s / %-9s %5.2fx server CPU per request (rounds %s)%n", a, b,
        median(ratios), Arrays.stream(ratios).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
  }

  private static Process startServer(String heap, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Pre-touched: in this VM the first write to each page of memory faults in the host, which a
    // long-running server pays once and a 2-minute benchmark would pay in every young collection
    // that copies into a fresh region. Every server gets the same flags.
    List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    // extra options for the server JVM only, e.g. SERVER_JAVA_OPTS="-XX:StartFlightRecording=filename=s.jfr"
    String extra = System.getenv("SERVER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServers.class.getName(), name));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return builder.start();
  }

  private static Map<String, String> readPorts(Process servers) throws Exception {
    return BenchArgs.ports(new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8)));
  }

  /** One benchmarked server: where to post, which webhooks it gets, and how to read what it recorded. */
  private static final class Target {
    final String name;
    final URI base;
    final URI url;
    final LoadGenerator.Cursor cursor;
    final String kind;
    /** The server's own JVM: its CPU counts against this server alone. */
    final Process process;

    private Target(String name, String port, String kind, LoadGenerator.Cursor cursor, Process process) {
      this.name = name;
      this.process = process;
      this.base = URI.create("http://127.0.0.1:" + port);
      this.url = base.resolve("/webhooks");
      this.kind = kind;
      this.cursor = cursor;
    }

    static Target receiver(String name, String port, WebhookPool pool, Process process) {
      return new Target(name, port, "receiver", LoadGenerator.Cursor.distinct(pool), process);
    }

    static Target jetty(String port, WebhookPool pool, Process process) {
      return new Target("jetty", port, "jetty", LoadGenerator.Cursor.cycling(pool), process);
    }

    static Target wiremock(String port, WebhookPool pool, Process process) {
      return new Target("wiremock", port, "wiremock", LoadGenerator.Cursor.cycling(pool), process);
    }

    /** {@code recorded}, plus the receiver's rejected, duplicates and journal counters. */
    Map<String, Long> counters(LoadGenerator load) throws Exception {
      Map<String, Long> counters = new LinkedHashMap<>();
      switch (kind) {
        case "receiver" -> {
          JsonNode health = JSON.readTree(get(load, base.resolve("/health")).getContentAsString());
          counters.put("recorded", health.get("accepted").asLong());
          counters.put("rejected", health.get("rejected").asLong());
          counters.put("duplicates", health.get("duplicates").asLong());
          if (health.hasNonNull("journal")) {
            counters.put("linesWritten", health.path("journal").path("linesWritten").asLong());
            counters.put("batchesWritten", health.path("journal").path("batchesWritten").asLong());
          }
        }
        case "jetty" -> counters.put("recorded", Long.parseLong(get(load, base.resolve("/count")).getContentAsString()));
        default -> {
          ContentResponse r = load.client().newRequest(base.resolve("/__admin/requests/count"))
              .method(HttpMethod.POST)
              .body(new StringRequestContent("application/json", "{\"method\":\"POST\",\"url\":\"/webhooks\"}"))
              .timeout(10, TimeUnit.SECONDS).send();
          counters.put("recorded", JSON.readTree(r.getContentAsString()).get("count").asLong());
        }
      }
      return counters;
    }

    /** Between rounds, outside the clock: empty what a server holds in memory, so every round starts alike. */
    void resetMemory(LoadGenerator load) throws Exception {
      switch (kind) {
        case "receiver" -> load.client().newRequest(base.resolve("/api/events")).method(HttpMethod.DELETE)
            .timeout(10, TimeUnit.SECONDS).send();
        case "wiremock" -> load.client().newRequest(base.resolve("/__admin/requests")).method(HttpMethod.DELETE)
            .timeout(10, TimeUnit.SECONDS).send();
        default -> { }
      }
    }

    private static ContentResponse get(LoadGenerator load, URI uri) throws Exception {
      ContentResponse r = load.client().newRequest(uri).timeout(10, TimeUnit.SECONDS).send();
      if (r.getStatus() != 200) {
        throw new IllegalStateException("GET " + uri + " answered " + r.getStatus() + ": " + r.getContentAsString());
      }
      return r;
    }
  }
}
