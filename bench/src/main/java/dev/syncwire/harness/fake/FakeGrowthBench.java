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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * How the cost of one Sync state operation grows with the size of a map or list: 1,000, 10,000
 * and 100,000 items. Two measurements on one JVM:
 *
 * <ol>
 *   <li><b>state</b>: {@link SyncRoutes#handle} plus rendering the JSON text, in-process, one
 *       thread (what a request does under the store lock, without HTTP), time per call: the median
 *       of 5 rounds, each the median of 7 batches;
 *   <li><b>HTTP</b>: the same calls over loopback to a running {@link SyncApiFake} (one kept-alive
 *       connection, one call at a time), median and p90 latency of 450 calls (3 rounds of 150).
 * </ol>
 *
 * Each size has its own map and list, and every round measures every size (after one warm-up
 * round that is not kept), so JIT warm-up and the machine's load drift hit all sizes alike. Map
 * items made by the create calls are removed again after each batch, untimed.
 *
 * Items are put in through the store directly (creating 100,000 over HTTP would take minutes on
 * a loaded machine); every timed call goes through the real path. Operations: map item create (a
 * new key), map item update and fetch (a random existing key), list page ({@code PageSize=50&Order=desc},
 * the SDK's first page) and a deep list page (the SDK's next_page_url from the middle of the list,
 * {@code PageToken}), and the same deep page of the map. It lives in the fake's package only to
 * reach the store; it changes nothing there.
 *
 * <pre>{@code
 * bench/run-fake growth     # or: java -cp ... dev.syncwire.harness.fake.FakeGrowthBench
 * }</pre>
 */
public final class FakeGrowthBench {
  private static final int[] SIZES = {1_000, 10_000, 100_000};
  private static final int STATE_ROUNDS = 5;
  private static final int HTTP_ROUNDS = 3;
  private static final String[] OPS = {"map item create", "map item update", "map item fetch", "list page (first)",
      "list page (deep, PageToken)", "map page (deep, PageToken)"};

  private FakeGrowthBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, double[]> state = new LinkedHashMap<>();
    Map<String, double[][]> http = new LinkedHashMap<>();
    for (String op : OPS) {
      state.put(op, new double[SIZES.length]);
      http.put(op, new double[SIZES.length][]);
    }
    System.out.printf(Locale.ROOT, "# load average %s%n", loadAverage());

    // 1. State, in-process: one map and one list per size, measured in interleaved rounds (every
    // size in every round), so JIT warm-up and the machine's load drift hit all sizes alike.
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

    // 2. HTTP, against a running fake filled the same way, interleaved likewise.
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      HttpClient client = new HttpClient();
      client.setMaxConnectionsPerDestination(1);
      client.getContentDecoderFactories().clear();
      client.start();
      try {
        SyncStore fakeStore = fake.store();
        SyncService fakeService = fakeStore.service(fake.defaultServiceSid(), "/v1/Services");
        Fixture[] g = new Fixture[SIZES.length];
        synchronized (fakeStore) {
          for (int s = 0; s < SIZES.length; s++) {
            g[s] = Fixture.create(fakeStore, fakeService, SIZES[s]);
          }
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((fake.accountSid() + ":" + fake.authToken())
            .getBytes(StandardCharsets.UTF_8));
        String fakeBase = "/v1/Services/" + fakeService.sid;
        URI root = URI.create(fake.baseUrl());
        List<List<Long>> samples = new ArrayList<>();
        for (int i = 0; i < OPS.length * SIZES.length; i++) {
          samples.add(new ArrayList<>());
        }
        for (int round = -1; round < HTTP_ROUNDS; round++) {
          for (int s = 0; s < SIZES.length; s++) {
            List<IntFunction<SyncRoutes.Request>> calls = calls(fakeBase, g[s], new SplittableRandom(100 + round * 7L + s));
            for (int op = 0; op < OPS.length; op++) {
              List<Long> into = round >= 0 ? samples.get(op * SIZES.length + s) : new ArrayList<>();
              latencies(client, root, auth, calls.get(op), 150, into, g[s]);
            }
          }
        }
        for (int op = 0; op < OPS.length; op++) {
          for (int s = 0; s < SIZES.length; s++) {
            long[] ns = samples.get(op * SIZES.length + s).stream().mapToLong(Long::longValue).sorted().toArray();
            http.get(OPS[op])[s] = new double[] {ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.9)] / 1e6};
          }
        }
      } finally {
        client.stop();
      }
    }
    for (int s = 0; s < SIZES.length; s++) {
      System.out.printf(Locale.ROOT, "state %,7d items: %s%n", SIZES[s], row(state, s, "%.2f us", 1e-3));
      System.out.printf(Locale.ROOT, "HTTP  %,7d items: %s%n", SIZES[s], httpRow(http, s));
    }

    System.out.println();
    System.out.println("## state operation, in-process (us per call; median of 5 rounds)");
    System.out.println(table(state, v -> String.format(Locale.ROOT, "%.2f", v / 1e3)));
    System.out.println("## over HTTP, one connection, one call at a time (median ms of 450 calls)");
    Map<String, double[]> medians = new LinkedHashMap<>();
    http.forEach((op, perSize) -> medians.put(op, Arrays.stream(perSize).mapToDouble(l -> l[0]).toArray()));
    System.out.println(table(medians, v -> String.format(Locale.ROOT, "%.2f", v)));
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

  /** Adds the latency of {@code n} sequential calls, in ns, to {@code into}. */
  private static void latencies(HttpClient client, URI root, String auth, IntFunction<SyncRoutes.Request> call, int n,
      List<Long> into, Fixture f) throws Exception {
    for (int i = 0; i < n; i++) {
      SyncRoutes.Request r = call.apply(i);
      String query = r.query().asList().isEmpty() ? "" : "?" + r.query().encode();
      Request request = client.newRequest(root.resolve(r.rawPath() + query))
          .method(HttpMethod.fromString(r.method()))
          .headers(h -> h.put("Authorization", auth).put("Accept", "application/json"))
          .timeout(10, TimeUnit.SECONDS);
      if (r.method().equals("POST")) {
        request.body(new StringRequestContent("application/x-www-form-urlencoded", r.form().encode()));
      }
      long t0 = System.nanoTime();
      ContentResponse response = request.send();
      long took = System.nanoTime() - t0;
      if (response.getStatus() / 100 != 2) {
        throw new IllegalStateException(r.method() + " " + r.rawPath() + " answered " + response.getStatus() + ": "
            + response.getContentAsString());
      }
      into.add(took);
    }
    synchronized (f.store) {
      f.removeCreated();
    }
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

  private static String httpRow(Map<String, double[][]> values, int s) {
    StringBuilder b = new StringBuilder();
    values.forEach((op, v) -> b.append(String.format(Locale.ROOT, "  %s %.2f/%.2f ms", op, v[s][0], v[s][1])));
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

  static String loadAverage() {
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
