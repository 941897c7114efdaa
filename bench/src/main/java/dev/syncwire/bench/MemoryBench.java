package dev.syncwire.bench;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Heap a SyncReceiver holds per recorded event, beyond the webhook's own bytes. Starts a receiver
 * (signatures enforced, no journal, cap = the event count), posts that many distinct webhooks over
 * loopback, forces GC, and divides the growth of used heap by the count; then subtracts the
 * payload it holds (body bytes, parameter and header strings, each distinct object counted once at
 * its exact Java size) and prints which classes grew, per event, from two class histograms.
 * Run it alone in its own JVM with a fixed heap, e.g. {@code -Xms2g -Xmx2g}.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -cp ... dev.syncwire.bench.MemoryBench --events 100000
 * }</pre>
 */
public final class MemoryBench {
  private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

  private MemoryBench() {}

  public static void main(String[] args) throws Exception {
    int events = args.length >= 2 && args[0].equals("--events") ? Integer.parseInt(args[1]) : 100_000;
    WebhookPool pool = WebhookPool.build(events + 1);
    ReceiverConfig config = ReceiverConfig.builder()
        .authToken(WebhookPool.AUTH_TOKEN)
        .publicUrl(URI.create(WebhookPool.PUBLIC_URL))
        .maxEvents(events)
        .build();
    SyncReceiver receiver = SyncReceiver.start(config);
    LoadGenerator load = LoadGenerator.start(16);
    // one webhook first, so Jetty's and the client's lazily built parts sit in the baseline, not the growth
    LoadGenerator.Cursor cursor = LoadGenerator.Cursor.distinct(pool);
    load.run("receiver", receiver.webhookUrl(), pool, cursor, 10_000, 1);
    receiver.events().clear();

    Map<String, long[]> histogramBefore = histogram();
    long before = usedAfterGc();
    LoadGenerator.Phase run = load.run("receiver", receiver.webhookUrl(), pool, cursor, 300_000, events);
    long ok = run.ok();
    double rate = run.perSecond();
    String failure = run.firstFailure();
    run = null;
    load.close();
    if (ok != events || receiver.events().size() != events) {
      throw new IllegalStateException("sent " + events + " webhooks, " + ok + " answered 200, receiver holds "
          + receiver.events().size() + "; first failure: " + failure);
    }
    long notAccepted = receiver.events().all().stream().filter(e -> !e.accepted()).count();
    if (notAccepted > 0) {
      throw new IllegalStateException(notAccepted + " of " + events + " events were not accepted: "
          + receiver.events().all().stream().filter(e -> !e.accepted()).findFirst().orElseThrow().errors());
    }
    long after = usedAfterGc();
    Map<String, long[]> histogramAfter = histogram();
    Payload payload = Payload.of(receiver.events().all());

    double perEvent = (double) (after - before) / events;
    System.out.printf(Locale.ROOT, "%,d events posted at %,.0f/s; heap used after GC %,d -> %,d bytes%n", events,
        rate, before, after);
    System.out.printf(Locale.ROOT, "heap per event                 %,8.0f bytes%n", perEvent);
    System.out.printf(Locale.ROOT, "payload, raw (body + param and header chars)     %,8.0f bytes%n",
        (double) payload.rawBytes / events);
    System.out.printf(Locale.ROOT, "payload as Java objects (byte[] body, Strings)   %,8.0f bytes%n",
        (double) payload.objectBytes / events);
    double beyond = perEvent - (double) payload.objectBytes / events;
    System.out.printf(Locale.ROOT, "beyond payload (per event - payload objects)     %,8.0f bytes  target <= 1,024: %s%n",
        beyond, beyond <= 1024 ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "beyond raw payload (per event - raw bytes)       %,8.0f bytes%n",
        perEvent - (double) payload.rawBytes / events);
    System.out.printf(Locale.ROOT, "(%,d distinct param/header Strings per event on average, %.1f params)%n%n",
        payload.strings / events, (double) payload.params / events);

    System.out.println("what grew, per event (class histogram after minus before):");
    System.out.printf(Locale.ROOT, "%10s %12s  %s%n", "bytes", "instances", "class");
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    for (Map.Entry<String, long[]> e : histogramAfter.entrySet()) {
      long[] b = histogramBefore.getOrDefault(e.getKey(), new long[2]);
      grown.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]}));
    }
    grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    long listed = 0;
    for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(18, grown.size()))) {
      listed += e.getValue()[1];
      System.out.printf(Locale.ROOT, "%10.1f %12.2f  %s%n", (double) e.getValue()[1] / events,
          (double) e.getValue()[0] / events, e.getKey());
    }
    long total = grown.stream().mapToLong(e -> e.getValue()[1]).sum();
    System.out.printf(Locale.ROOT, "%10.1f %12s  (all other classes)%n%10.1f %12s  total%n",
        (double) (total - listed) / events, "", (double) total / events, "");
    Reference.reachabilityFence(pool);
    receiver.close();
  }

  private static long usedAfterGc() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /** Class name to {instances, bytes}, from the JVM's own GC.class_histogram (which collects first). */
  private static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {null}, new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = HISTOGRAM_LINE.matcher(line);
      if (m.matches()) {
        classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
      }
    }
    return classes;
  }

  /** What the webhooks themselves weigh: raw chars and bytes, and as the distinct Java objects that hold them. */
  private record Payload(long rawBytes, long objectBytes, long strings, long params) {
    static Payload of(List<SyncEvent> events) {
      Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      long raw = 0;
      long objects = 0;
      long params = 0;
      for (SyncEvent event : events) {
        byte[] body = event.request().body();
        raw += body.length;
        objects += align(16 + body.length);
        for (FormParams.Param p : event.params().asList()) {
          params++;
          raw += p.name().length() + p.value().length();
          objects += stringSize(p.name(), seen) + stringSize(p.value(), seen);
        }
        for (Map.Entry<String, List<String>> h : event.request().headers().entrySet()) {
          raw += h.getKey().length();
          objects += stringSize(h.getKey(), seen);
          for (String value : h.getValue()) {
            raw += value.length();
            objects += stringSize(value, seen);
          }
        }
      }
      return new Payload(raw, objects, seen.size(), params);
    }

    /** A String with compressed oops: 24-byte header and fields, plus its byte[] (Latin-1 or UTF-16); once per object. */
    private static long stringSize(String s, Set<Object> seen) {
      if (!seen.add(s)) {
        return 0;
      }
      boolean latin1 = s.chars().allMatch(c -> c <= 0xFF);
      return 24 + align(16 + (long) s.length() * (latin1 ? 1 : 2));
    }

    private static long align(long bytes) {
      return (bytes + 7) & ~7L;
    }
  }
}
