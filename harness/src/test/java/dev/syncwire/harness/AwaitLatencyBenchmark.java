package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_UPDATED;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Time from the receiver recording a webhook to the test's wait returning, for {@link SyncEvents}
 * (woken by the receiver) and for Awaitility polling the same condition at its defaults, in one
 * run. Not a unit test and not JMH: run it by hand.
 *
 * <pre>{@code
 * mvn -B -o -q -pl harness -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp harness/target/classes:harness/target/test-classes:receiver/target/classes:fixtures/target/classes:$(cat harness/target/cp.txt) \
 *     dev.syncwire.harness.AwaitLatencyBenchmark 2000 100
 * }</pre>
 *
 * <p>"Recorded" is a nanoTime taken by a listener subscribed before SyncEvents, so it runs on the
 * receiver's thread just before SyncEvents is told; "returned" is a nanoTime right after the wait
 * returns on the test thread. SyncEvents' webhooks are posted only once the await is waiting (the
 * wake-up path, not the already-recorded scan). Awaitility's are posted after a random 0-100 ms
 * delay, so they land at a random point of its 100 ms poll cycle, as a real app's would.
 *
 * <p>Measured on the shared 2-CPU dev box (Java 17, load average about 11 from other builds),
 * four runs: SyncEvents n=2000 median 0.095-0.137 ms, p99 3.8-5.9 ms (the tail is the scheduler
 * and G1 pauses on an oversubscribed machine); Awaitility median 41-50 ms, p99 98-191 ms.
 */
public final class AwaitLatencyBenchmark {
  private AwaitLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int syncEventsRuns = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int awaitilityRuns = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    System.out.printf("%d CPUs, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), loadAverage());
    Map<Long, Long> recordedAt = new ConcurrentHashMap<>();
    ScheduledExecutorService posting = Executors.newSingleThreadScheduledExecutor();
    try (SyncReceiver receiver = WebhookPoster.startReceiver();
        AutoCloseable stamp = receiver.events().subscribe(e -> recordedAt.put(e.id(), System.nanoTime()));
        SyncEvents events = SyncEvents.of(receiver)) {
      WebhookPoster poster = new WebhookPoster(receiver);

      run("warm-up", 300, events, poster, posting, recordedAt, false);
      long[] syncEvents = run("SyncEvents await", syncEventsRuns, events, poster, posting, recordedAt, false);
      long[] awaitility = run("Awaitility until(received)", awaitilityRuns, events, poster, posting, recordedAt,
          true);

      double ratioMedian = (double) percentile(awaitility, 50) / Math.max(1, percentile(syncEvents, 50));
      System.out.printf("%nAwaitility median / SyncEvents median = %.0fx%n", ratioMedian);
    } finally {
      posting.shutdownNow();
    }
  }

  private static long[] run(String name, int runs, SyncEvents events, WebhookPoster poster,
      ScheduledExecutorService posting,
      Map<Long, Long> recordedAt, boolean awaitility) throws Exception {
    long[] latencies = new long[runs];
    for (int i = 0; i < runs; i++) {
      String key = name.charAt(0) + "-" + i;
      EventMatcher matcher = EventMatcher.event(MAP_ITEM_UPDATED).object("user-presence").key(key);
      Future<Integer> post;
      SyncEvent event;
      long returned;
      if (awaitility) {
        long delayMs = ThreadLocalRandom.current().nextLong(100);
        // Posted at a random phase of Awaitility's poll cycle, as a real app's webhook would land.
        post = posting.schedule(() -> poster.post(Webhooks.mapItemUpdated().map("user-presence").key(key)),
            delayMs, TimeUnit.MILLISECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(events.received(matcher));
        returned = System.nanoTime();
        event = events.await(matcher).within(Duration.ZERO);
      } else {
        post = WebhookPoster.whenWaiting(events,
            () -> poster.post(Webhooks.mapItemUpdated().map("user-presence").key(key)));
        event = events.await(matcher).within(Duration.ofSeconds(5));
        returned = System.nanoTime();
      }
      if (post.get() != 200) {
        throw new IllegalStateException("the receiver answered " + post.get() + " to run " + i);
      }
      latencies[i] = returned - recordedAt.get(event.id());
      events.reset(); // keep each scan short, as a test that resets between cases would
    }
    Arrays.sort(latencies);
    if (!name.equals("warm-up")) {
      System.out.printf("%-28s n=%-5d median %8.3f ms   p90 %8.3f ms   p99 %8.3f ms   max %8.3f ms%n", name, runs,
          percentile(latencies, 50) / 1e6, percentile(latencies, 90) / 1e6, percentile(latencies, 99) / 1e6,
          latencies[latencies.length - 1] / 1e6);
    }
    return latencies;
  }

  /** The tail depends on what else the machine runs, so print it beside the figures. */
  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
