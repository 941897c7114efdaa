package dev.syncwire.harness;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Harness start in a fresh JVM against a bare {@code WireMockServer} start in a fresh JVM, in one
 * run, alternating; and the cost of per-test isolation (a fresh service, or a reset) in a warm JVM.
 * Not a unit test: run it by hand.
 *
 * <pre>{@code
 * mvn -B -o -q -pl harness -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp harness/target/classes:harness/target/test-classes:receiver/target/classes:fixtures/target/classes:$(cat harness/target/cp.txt) \
 *     dev.syncwire.harness.StartupBenchmark 10
 * }</pre>
 *
 * Start is measured inside the child JVM, from main() to ready (servers listening, client built),
 * so JVM boot itself, the same for both, is left out.
 */
public final class StartupBenchmark {
  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1]);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<Double> bare = new ArrayList<>();
    List<Double> harness = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      // Alternate which goes first, so a noisy moment hurts both alike.
      if (i % 2 == 0) {
        bare.add(fork("wiremock"));
        harness.add(fork("harness"));
      } else {
        harness.add(fork("harness"));
        bare.add(fork("wiremock"));
      }
    }
    double bareMedian = median(bare);
    double harnessMedian = median(harness);
    System.out.printf("fresh-JVM start, %d runs each (median, min-max):%n", runs);
    System.out.printf("  bare WireMockServer      %7.1f ms (%.1f-%.1f)%n", bareMedian, Collections.min(bare),
        Collections.max(bare));
    System.out.printf("  harness (fake+receiver)  %7.1f ms (%.1f-%.1f)%n", harnessMedian, Collections.min(harness),
        Collections.max(harness));
    System.out.printf("  ratio harness / bare     %7.2fx (target <= 1.2x)%n", harnessMedian / bareMedian);
    isolation();
  }

  private static void isolation() {
    try (SyncApiFake fake = SyncApiFake.builder().start();
         SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).build())) {
      fake.updateDefaultService(receiver.webhookUrl().toString(), true);
      List<Double> fresh = new ArrayList<>();
      List<Double> reset = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        long t0 = System.nanoTime();
        String service = fake.createService("test " + i);
        SyncEvents events = SyncEvents.forService(receiver, service, Duration.ofSeconds(5));
        long t1 = System.nanoTime();
        events.close();
        fake.reset();
        receiver.events().clear();
        long t2 = System.nanoTime();
        if (i >= 500) { // after warm-up
          fresh.add((t1 - t0) / 1e6);
          reset.add((t2 - t1) / 1e6);
        }
      }
      System.out.printf("per-test isolation, warm JVM, 1,500 each (median / p99):%n");
      System.out.printf("  fresh service + scoped SyncEvents   %.3f / %.3f ms (target < 5 ms)%n", median(fresh),
          percentile(fresh, 0.99));
      System.out.printf("  fake.reset() + receiver clear       %.3f / %.3f ms (target < 5 ms)%n", median(reset),
          percentile(reset, 0.99));
    }
  }

  private static double fork(String what) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StartupBenchmark.class.getName(), "--child", what).redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("READY_MS ")) {
          result = line.substring(9);
        }
      }
    }
    if (process.waitFor() != 0 || result == null) {
      throw new IllegalStateException("the " + what + " child JVM did not report its start time");
    }
    return Double.parseDouble(result);
  }

  private static void child(String what) {
    long t0 = System.nanoTime();
    if (what.equals("wiremock")) {
      WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
      server.start();
      System.out.println("READY_MS " + (System.nanoTime() - t0) / 1e6);
      server.stop();
    } else {
      SyncApiFake fake = SyncApiFake.builder().start();
      SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).build());
      fake.updateDefaultService(receiver.webhookUrl().toString(), true);
      fake.twilioClient();
      System.out.println("READY_MS " + (System.nanoTime() - t0) / 1e6);
      fake.close();
      receiver.close();
    }
    System.exit(0);
  }

  private static double median(List<Double> values) {
    return percentile(values, 0.5);
  }

  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }
}
