package dev.syncwire.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwire.harness.fake.SyncApiFake;
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
 * How the latency of one Sync call to a running {@link SyncApiFake} grows with the size of a map
 * or list: 1,000, 10,000 and 100,000 items, over loopback HTTP (one kept-alive connection, one call
 * at a time), median and p90 of 450 calls (3 rounds of 150). Every round measures every size
 * (after one warm-up round that is not kept), so JIT warm-up and the machine's load drift hit all
 * sizes alike. Map items made by the create calls are deleted again after each batch, untimed.
 *
 * <p>Only public API: each map and list is created with one item over HTTP, then grown to its size
 * by editing the fake's snapshot ({@link SyncApiFake#snapshot()}, {@link SyncApiFake#restore}),
 * since creating 100,000 items one call at a time would take minutes on a loaded machine. The
 * in-process half (the store without HTTP) needs the fake's internals, so it is the harness test
 * source {@code dev.syncwire.harness.fake.StateGrowthBenchmark}.
 *
 * <pre>{@code
 * bench/run-fake growth     # or: java -cp ... dev.syncwire.bench.FakeGrowthBench
 * }</pre>
 */
public final class FakeGrowthBench {
  private static final int[] SIZES = {1_000, 10_000, 100_000};
  private static final int ROUNDS = 3;
  private static final String[] OPS = {"map item create", "map item update", "map item fetch", "list page (first)",
      "list page (deep, PageToken)", "map page (deep, PageToken)"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeGrowthBench() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(Locale.ROOT, "# load average %s%n", FakeBench.loadAverage());
    Map<String, double[][]> http = new LinkedHashMap<>();
    for (String op : OPS) {
      http.put(op, new double[SIZES.length][]);
    }
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      HttpClient client = new HttpClient();
      client.setMaxConnectionsPerDestination(1);
      client.getContentDecoderFactories().clear();
      client.start();
      try {
        Api api = new Api(client, fake);
        for (int size : SIZES) {
          api.send("POST", api.base + "/Maps", "UniqueName=map-" + size);
          api.send("POST", api.base + "/Maps/map-" + size + "/Items", "Key=k0&Data=" + enc(data(0)));
          api.send("POST", api.base + "/Lists", "UniqueName=list-" + size);
          api.send("POST", api.base + "/Lists/list-" + size + "/Items", "Data=" + enc(data(0)));
        }
        grow(fake);
        Fixture[] fixtures = new Fixture[SIZES.length];
        for (int s = 0; s < SIZES.length; s++) {
          fixtures[s] = new Fixture(api, SIZES[s]);
        }
        List<List<Long>> samples = new ArrayList<>();
        for (int i = 0; i < OPS.length * SIZES.length; i++) {
          samples.add(new ArrayList<>());
        }
        for (int round = -1; round < ROUNDS; round++) { // round -1: warm-up, not kept
          for (int s = 0; s < SIZES.length; s++) {
            List<IntFunction<Call>> calls = calls(api.base, fixtures[s], new SplittableRandom(100 + round * 7L + s));
            for (int op = 0; op < OPS.length; op++) {
              List<Long> into = round >= 0 ? samples.get(op * SIZES.length + s) : new ArrayList<>();
              latencies(api, calls.get(op), 150, into, fixtures[s]);
            }
          }
          if (round >= 0) {
            System.out.printf(Locale.ROOT, "HTTP round %d done (load %s)%n", round + 1, FakeBench.loadAverage());
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
      StringBuilder b = new StringBuilder();
      for (Map.Entry<String, double[][]> e : http.entrySet()) {
        b.append(String.format(Locale.ROOT, "  %s %.2f/%.2f ms", e.getKey(), e.getValue()[s][0], e.getValue()[s][1]));
      }
      System.out.printf(Locale.ROOT, "HTTP  %,7d items: %s%n", SIZES[s], b);
    }
    System.out.println();
    System.out.println("## over HTTP, one connection, one call at a time (median ms of 450 calls)");
    Map<String, double[]> medians = new LinkedHashMap<>();
    http.forEach((op, perSize) -> medians.put(op, Arrays.stream(perSize).mapToDouble(l -> l[0]).toArray()));
    System.out.println(table(medians));
    System.out.println("O(n) would be 10x per step and 100x from 1k to 100k; O(log n) about 1.3x per step, 1.7x overall.");
    System.out.printf(Locale.ROOT, "# load average %s%n", FakeBench.loadAverage());
  }

  private static String data(int n) {
    return "{\"n\":" + n + ",\"status\":\"online\"}";
  }

  /** Grows each {@code map-N} to keys k0..k{N-1} and each {@code list-N} to N items, through the snapshot. */
  private static void grow(SyncApiFake fake) throws Exception {
    ObjectNode snapshot = (ObjectNode) JSON.readTree(fake.snapshot().toJson());
    for (JsonNode service : snapshot.path("services")) {
      for (String kind : new String[] {"maps", "lists"}) {
        for (JsonNode object : service.path(kind)) {
          String name = object.path("uniqueName").asText();
          int size = Integer.parseInt(name.substring(name.indexOf('-') + 1));
          ArrayNode items = (ArrayNode) object.path("items");
          ObjectNode template = (ObjectNode) items.get(0);
          items.removeAll();
          for (int i = 0; i < size; i++) {
            ObjectNode item = template.deepCopy();
            item.set("data", JSON.readTree(data(i)));
            if (kind.equals("maps")) {
              item.put("key", "k" + i);
            } else {
              item.put("index", i);
            }
            items.add(item);
          }
          if (kind.equals("lists")) {
            ((ObjectNode) object).put("nextIndex", size);
          }
        }
      }
    }
    fake.restore(SyncApiFake.Snapshot.fromJson(JSON.writeValueAsString(snapshot)));
  }

  /** The six calls on one fixture, each a function of its sequence number. */
  private static List<IntFunction<Call>> calls(String base, Fixture f, SplittableRandom random) {
    String map = base + "/Maps/map-" + f.size + "/Items";
    String list = base + "/Lists/list-" + f.size + "/Items";
    int size = f.size;
    List<IntFunction<Call>> calls = new ArrayList<>();
    calls.add(i -> new Call("POST", map, null, "Key=" + f.newKey() + "&Data=" + enc("{\"status\":\"online\"}") + "&ItemTtl=300"));
    calls.add(i -> new Call("POST", map + "/k" + random.nextInt(size), null, "Data=" + enc("{\"n\":" + i + "}")));
    calls.add(i -> new Call("GET", map + "/k" + random.nextInt(size), null, null));
    calls.add(i -> new Call("GET", list, "PageSize=50&Order=desc", null));
    calls.add(i -> new Call("GET", list, f.deepListQuery, null));
    calls.add(i -> new Call("GET", map, f.deepMapQuery, null));
    return calls;
  }

  /** Adds the latency of {@code n} sequential calls, in ns, to {@code into}; then deletes the items they created, untimed. */
  private static void latencies(Api api, IntFunction<Call> call, int n, List<Long> into, Fixture f) throws Exception {
    for (int i = 0; i < n; i++) {
      Call c = call.apply(i);
      long t0 = System.nanoTime();
      api.send(c.method, c.path + (c.query == null ? "" : "?" + c.query), c.form);
      into.add(System.nanoTime() - t0);
    }
    f.removeCreated();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String table(Map<String, double[]> values) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "| %-28s | %9s | %9s | %9s | %10s | %11s | %12s |%n", "operation", "1k", "10k",
        "100k", "10k / 1k", "100k / 10k", "100k / 1k"));
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    values.forEach((op, v) -> b.append(String.format(Locale.ROOT, "| %-28s | %9.2f | %9.2f | %9.2f | %9.2fx | %10.2fx | %11.2fx |%n",
        op, v[0], v[1], v[2], v[1] / v[0], v[2] / v[1], v[2] / v[0])));
    return b.toString();
  }

  private record Call(String method, String path, String query, String form) {}

  /** The fake's REST API over one Jetty client, authenticated as its account. */
  private static final class Api {
    final HttpClient client;
    final URI root;
    final String auth;
    final String base;

    Api(HttpClient client, SyncApiFake fake) {
      this.client = client;
      this.root = URI.create(fake.baseUrl());
      this.auth = "Basic " + Base64.getEncoder().encodeToString((fake.accountSid() + ":" + fake.authToken())
          .getBytes(StandardCharsets.UTF_8));
      this.base = "/v1/Services/" + fake.defaultServiceSid();
    }

    /** Sends one call; throws on any answer that is not 2xx. */
    ContentResponse send(String method, String pathAndQuery, String form) throws Exception {
      Request request = client.newRequest(root.resolve(pathAndQuery))
          .method(HttpMethod.fromString(method))
          .headers(h -> h.put("Authorization", auth).put("Accept", "application/json"))
          .timeout(10, TimeUnit.SECONDS);
      if (form != null) {
        request.body(new StringRequestContent("application/x-www-form-urlencoded", form));
      }
      ContentResponse response = request.send();
      if (response.getStatus() / 100 != 2) {
        throw new IllegalStateException(method + " " + pathAndQuery + " answered " + response.getStatus() + ": "
            + response.getContentAsString());
      }
      return response;
    }
  }

  /** A map {@code map-N} (keys k0..k{N-1}) and a list {@code list-N} (N items), already grown. */
  private static final class Fixture {
    final Api api;
    final int size;
    final String deepListQuery;
    final String deepMapQuery;
    private final List<String> created = new ArrayList<>();
    private long nextKey;

    Fixture(Api api, int size) throws Exception {
      this.api = api;
      this.size = size;
      this.deepListQuery = deepPageQuery(api.base + "/Lists/list-" + size + "/Items", "PageSize=50&Order=desc&From=" + (size / 2));
      this.deepMapQuery = deepPageQuery(api.base + "/Maps/map-" + size + "/Items", "PageSize=50&From=k" + (size / 2));
    }

    /** A key never used in this map; remembered so {@link #removeCreated} can take it out again. */
    String newKey() {
      String key = "new-" + nextKey++;
      created.add(key);
      return key;
    }

    /** Deletes the items the create calls added (not timed), so the map stays at its size. */
    void removeCreated() throws Exception {
      for (String key : created) {
        api.send("DELETE", api.base + "/Maps/map-" + size + "/Items/" + key, null);
      }
      created.clear();
    }

    /** The query of the next_page_url a reader gets on the page that ends in the middle of the collection. */
    private String deepPageQuery(String path, String query) throws Exception {
      JsonNode next = JSON.readTree(api.send("GET", path + "?" + query, null).getContentAsString())
          .path("meta").path("next_page_url");
      if (!next.isTextual()) {
        throw new IllegalStateException("no next_page_url on " + path + "?" + query);
      }
      return URI.create(next.asText()).getRawQuery();
    }
  }
}
