package dev.syncwire.harness.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * How the cost of one Sync state operation grows with the size of a map or list: 1,000, 10,000
 * and 100,000 items, in-process: {@link SyncRoutes#handle} plus rendering the JSON text, one
 * thread (what a request does under the store lock, without HTTP), time per call: the median of 5
 * rounds, each the median of 7 batches. Every round measures every size (after one warm-up round
 * that is not kept), so JIT warm-up and the machine's load drift hit all sizes alike. Map items
 * made by the create calls are removed again after each batch, untimed. Items are put in through
 * the store directly. Operations: map item create (a new key), map item update and fetch (a random
 * existing key), list page ({@code PageSize=50&Order=desc}, the SDK's first page) and a deep list
 * page (the SDK's next_page_url from the middle of the list, {@code PageToken}), and the same deep
 * page of the map. It lives in the harness's tests because it reaches the fake's store; the same
 * calls over HTTP are {@code bench}'s {@code FakeGrowthBench}. Not a unit test: run it by hand.
 *
 * <pre>{@code
 * mvn -B -o -q -pl harness -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xms2g -Xmx2g -cp harness/target/classes:harness/target/test-classes:receiver/target/classes:fixtures/target/classes:$(cat harness/target/cp.txt) \
 *     dev.syncwire.harness.fake.StateGrowthBenchmark
 * }</pre>
 */
final class StateGrowthBenchmark {
  private static final int[] SIZES = {1_000, 10_000, 100_000};
  private static final int STATE_ROUNDS = 5;
  private static final String[] OPS = {"map item create", "map item update", "map item fetch", "list page (first)",
      "list page (deep, PageToken)", "map page (deep, PageToken)"};

  private StateGrowthBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, double[]> state = new LinkedHashMap<>();
    for (String op : OPS) {
      state.put(op, new double[SIZES.length]);
    }
    System.out.printf(Locale.ROOT, "# load average %s%n", loadAverage());

    // One map and one list per size, measured in interleaved rounds (every size in every round).
    FakeClock clock = FakeClock.ofNow();
    SyncStore store = new SyncStore("AC" + "0".repeat(32), "0".repeat(32), clock, 1, (u, p, t, k) -> { });
    SyncRoutes routes = new SyncRoutes(store);
    SyncService service = store.createService(null);
    String base = "/v1/Services/" + service.sid;
    Fixture[] fixtures = new Fixture[SIZES.length];
    for (int s = 0; s < SIZES.length; s++) {
      fixtures[s] = Fixture.create(store, service, SIZES[s]);
    }
    double[][][] stateRounds = new double[OPS.length][SIZES.length][STATE_ROUNDS];
    for (int round = -1; round < STATE_ROUNDS; round++) { // round -1: warm-up, not kept
      for (int s = 0; s < SIZES.length; s++) {
        List<IntFunction<SyncRoutes.Request>> calls = calls(base, fixtures[s], new SplittableRandom(round * 7L + s));
        for (int op = 0; op < OPS.length; op++) {
          double ns = nanosPerCall(routes, calls.get(op), op >= 3 ? 1_500 : 15_000, fixtures[s]);
          if (round >= 0) {
            stateRounds[op][s][round] = ns;
          }
        }
      }
      if (round >= 0) {
        System.out.printf(Locale.ROOT, "state round %d done (load %s)%n", round + 1, loadAverage());
      }
    }
    for (int op = 0; op < OPS.length; op++) {
      for (int s = 0; s < SIZES.length; s++) {
        double[] r = stateRounds[op][s].clone();
        Arrays.sort(r);
        state.get(OPS[op])[s] = r[r.length / 2];
      }
    }

    for (int s = 0; s < SIZES.length; s++) {
      System.out.printf(Locale.ROOT, "state %,7d items: %s%n", SIZES[s], row(state, s, "%.2f us", 1e-3));
    }

    System.out.println();
    System.out.println("## state operation, in-process (us per call; median of 5 rounds)");
    System.out.println(table(state, v -> String.format(Locale.ROOT, "%.2f", v / 1e3)));
    System.out.println("O(n) would be 10x per step and 100x from 1k to 100k; O(log n) about 1.3x per step, 1.7x overall.");
    System.out.printf(Locale.ROOT, "# load average %s%n", loadAverage());
  }

  /** The six calls on one fixture, each a function of its sequence number. */
  private static List<IntFunction<SyncRoutes.Request>> calls(String base, Fixture f, SplittableRandom random) {
    String map = base + "/Maps/" + f.map.uniqueName + "/Items";
    String list = base + "/Lists/" + f.list.uniqueName + "/Items";
    int size = f.size;
    List<IntFunction<SyncRoutes.Request>> calls = new ArrayList<>();
    calls.add(i -> post(map, "Key=" + f.newKey() + "&Data=" + enc("{\"status\":\"online\"}") + "&ItemTtl=300"));
    calls.add(i -> post(map + "/k" + random.nextInt(size), "Data=" + enc("{\"n\":" + i + "}")));
    calls.add(i -> get(map + "/k" + random.nextInt(size), null));
    calls.add(i -> get(list, "PageSize=50&Order=desc"));
    calls.add(i -> get(list, f.deepListQuery));
    calls.add(i -> get(map, f.deepMapQuery));
    return calls;
  }

  /** The median over 7 batches of {@code n / 7} calls, in ns per call; each answer rendered to text like the transformer does. */
  private static double nanosPerCall(SyncRoutes routes, IntFunction<SyncRoutes.Request> call, int n, Fixture f) {
    int batch = Math.max(1, n / 7);
    double[] perCall = new double[7];
    long sink = 0;
    int seq = 0;
    for (int b = 0; b < 7; b++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        SyncRoutes.Reply reply = routes.handle(call.apply(seq++));
        if (reply.status() / 100 != 2) {
          throw new IllegalStateException("answered " + reply.status() + ": " + reply.body());
        }
        sink += reply.json().length;
      }
      perCall[b] = (System.nanoTime() - t0) / (double) batch;
      f.removeCreated(); // untimed: the map keeps its size
    }
    if (sink == 42) {
      System.out.print("");
    }
    Arrays.sort(perCall);
    return perCall[3];
  }

  private static SyncRoutes.Request post(String path, String form) {
    return new SyncRoutes.Request("POST", path, FormParams.empty(), FormParams.parse(form), null, RequestOrigin.TWILIO);
  }

  private static SyncRoutes.Request get(String path, String query) {
    return new SyncRoutes.Request("GET", path, query == null ? FormParams.empty() : FormParams.parse(query),
        FormParams.empty(), null, RequestOrigin.TWILIO);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String row(Map<String, double[]> values, int s, String format, double scale) {
    StringBuilder b = new StringBuilder();
    values.forEach((op, v) -> b.append(String.format(Locale.ROOT, "  %s " + format, op, v[s] * scale)));
    return b.toString();
  }

  private static String table(Map<String, double[]> values, java.util.function.DoubleFunction<String> fmt) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "| %-28s | %9s | %9s | %9s | %10s | %11s | %12s |%n", "operation", "1k", "10k",
        "100k", "10k / 1k", "100k / 10k", "100k / 1k"));
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    values.forEach((op, v) -> b.append(String.format(Locale.ROOT, "| %-28s | %9s | %9s | %9s | %9.2fx | %10.2fx | %11.2fx |%n",
        op, fmt.apply(v[0]), fmt.apply(v[1]), fmt.apply(v[2]), v[1] / v[0], v[2] / v[1], v[2] / v[0])));
    return b.toString();
  }

  private static String loadAverage() {
    try {
      String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "?";
    }
  }

  /** A map {@code map-N} (keys k0..k{N-1}) and a list {@code list-N} (N items) in one service. */
  private static final class Fixture {
    final SyncStore store;
    final SyncService service;
    final SyncObject map;
    final SyncObject list;
    final int size;
    final String deepListQuery;
    final String deepMapQuery;
    private final List<String> created = new ArrayList<>();
    private long nextKey;

    private Fixture(SyncStore store, SyncService service, int size) {
      this.store = store;
      this.service = service;
      this.size = size;
      this.map = store.createObject(service, ObjectType.MAP, "map-" + size, null, null);
      this.list = store.createObject(service, ObjectType.LIST, "list-" + size, null, null);
      for (int i = 0; i < size; i++) {
        JsonNode data = Json.object().put("n", i).put("status", "online");
        store.addMapItem(service, map, "k" + i, data, null, null);
        store.addListItem(service, list, data, null, null);
      }
      this.deepListQuery = deepPageQuery(true);
      this.deepMapQuery = deepPageQuery(false);
    }

    static Fixture create(SyncStore store, SyncService service, int size) {
      return new Fixture(store, service, size);
    }

    /** A key never used in this map; remembered so {@link #removeCreated} can take it out again. */
    synchronized String newKey() {
      String key = "new-" + nextKey++;
      created.add(key);
      return key;
    }

    /** Removes the items the create calls added (not timed), so the map stays at its size. */
    synchronized void removeCreated() {
      for (String key : created) {
        SyncItem item = map.mapItems.get(key);
        if (item != null) {
          store.deleteItem(service, map, item, null);
        }
      }
      created.clear();
    }

    /** The query of the next_page_url a reader gets on the page that ends in the middle of the collection. */
    private String deepPageQuery(boolean ofList) {
      SyncRoutes routes = new SyncRoutes(store);
      String path = "/v1/Services/" + service.sid + (ofList ? "/Lists/" + list.uniqueName : "/Maps/" + map.uniqueName)
          + "/Items";
      String query = ofList ? "PageSize=50&Order=desc&From=" + (size / 2) : "PageSize=50&From=k" + (size / 2);
      SyncRoutes.Reply first = routes.handle(new SyncRoutes.Request("GET", path, FormParams.parse(query),
          FormParams.empty(), null, RequestOrigin.TWILIO));
      JsonNode next = first.body().path("meta").path("next_page_url");
      if (!(next instanceof TextNode)) {
        throw new IllegalStateException("no next_page_url on " + path + "?" + query + ": " + first.body().path("meta"));
      }
      return URI.create(next.asText()).getRawQuery();
    }
  }
}
