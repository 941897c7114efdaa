package dev.syncwire.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.syncwire.harness.fake.SyncApiFake;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * SDK-shaped load on the Sync fake (form-encoded, basic auth, the paths twilio-java calls) beside
 * a plain WireMock server answering one canned stub, in one run; then how a single map item write
 * and a list page cost as the collection grows to 100,000 items. Not a unit test: run it by hand.
 *
 * <pre>{@code
 * mvn -B -o -q -pl harness -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp harness/target/classes:harness/target/test-classes:receiver/target/classes:fixtures/target/classes:$(cat harness/target/cp.txt) \
 *     dev.syncwire.harness.FakeThroughputBenchmark 8
 * }</pre>
 */
public final class FakeThroughputBenchmark {
  private static final int CONCURRENCY = 32;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private FakeThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      WireMockServer plain = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
      plain.start();
      plain.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody("{\"sid\":\"ET00000000000000000000000000000000\",\"revision\":\"1\",\"data\":{}}")));
      String auth = "Basic " + Base64.getEncoder().encodeToString((fake.accountSid() + ":" + fake.authToken())
          .getBytes(StandardCharsets.UTF_8));
      String service = fake.defaultServiceSid();
      prepare(fake.baseUrl(), auth, service);
      AtomicLong key = new AtomicLong();
      IntFunction<HttpRequest> mix = i -> switch (i % 3) {
        case 0 -> post(fake.baseUrl(), auth, "/v1/Services/" + service + "/Documents/call-state",
            "Data=" + enc("{\"stage\":\"menu\",\"n\":" + i + "}"));
        case 1 -> post(fake.baseUrl(), auth, "/v1/Services/" + service + "/Maps/user-presence/Items",
            "Key=user-" + key.incrementAndGet() + "&Data=" + enc("{\"status\":\"online\"}") + "&ItemTtl=300");
        default -> get(fake.baseUrl(), auth, "/v1/Services/" + service + "/Lists/activity-feed/Items?PageSize=50&Order=desc");
      };
      System.out.println("warming up...");
      load(mix, 3);
      load(i -> rebase(mix.apply(i), plain.baseUrl()), 3);
      List<Double> fakeRates = new ArrayList<>();
      List<Double> plainRates = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        fakeRates.add(load(mix, seconds));
        plainRates.add(load(i -> rebase(mix.apply(i), plain.baseUrl()), seconds));
      }
      double f = median(fakeRates);
      double p = median(plainRates);
      System.out.printf("SDK-shaped requests/s, %d in flight, 3 rounds of %d s (document update, map item create,"
          + " list item page):%n", CONCURRENCY, seconds);
      System.out.printf("  SyncApiFake          %8.0f  %s%n", f, fakeRates);
      System.out.printf("  plain WireMock stub  %8.0f  %s%n", p, plainRates);
      System.out.printf("  ratio fake / plain   %8.2fx   (target: fake >= 5,000/s)%n", f / p);
      growth(fake.baseUrl(), auth, service);
      plain.stop();
    }
  }

  /** Per-operation latency at 1k, 10k and 100k items: flat or logarithmic, not linear. */
  private static void growth(String base, String auth, String service) throws Exception {
    send(post(base, auth, "/v1/Services/" + service + "/Maps", "UniqueName=big-map"));
    send(post(base, auth, "/v1/Services/" + service + "/Lists", "UniqueName=big-list"));
    int have = 0;
    System.out.println("one operation as the collection grows (median of 200, ms):");
    for (int size : new int[] {1_000, 10_000, 100_000}) {
      int from = have;
      fill(from, size, i -> post(base, auth, "/v1/Services/" + service + "/Maps/big-map/Items",
          "Key=k" + i + "&Data=" + enc("{\"n\":" + i + "}")));
      fill(from, size, i -> post(base, auth, "/v1/Services/" + service + "/Lists/big-list/Items",
          "Data=" + enc("{\"n\":" + i + "}")));
      have = size;
      List<Double> write = new ArrayList<>();
      List<Double> page = new ArrayList<>();
      List<Double> read = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        write.add(time(post(base, auth, "/v1/Services/" + service + "/Maps/big-map/Items/k" + (i * 7 % size),
            "Data=" + enc("{\"n\":-1}"))));
        page.add(time(get(base, auth, "/v1/Services/" + service + "/Lists/big-list/Items?PageSize=50&Order=desc")));
        read.add(time(get(base, auth, "/v1/Services/" + service + "/Maps/big-map/Items/k" + (i * 13 % size))));
      }
      System.out.printf("  %,7d items: map item update %.3f, map item fetch %.3f, list page (50, desc) %.3f%n", size,
          median(write), median(read), median(page));
    }
  }

  private static void prepare(String base, String auth, String service) throws Exception {
    send(post(base, auth, "/v1/Services/" + service + "/Documents", "UniqueName=call-state&Data=" + enc("{}")));
    send(post(base, auth, "/v1/Services/" + service + "/Maps", "UniqueName=user-presence"));
    send(post(base, auth, "/v1/Services/" + service + "/Lists", "UniqueName=activity-feed"));
    for (int i = 0; i < 100; i++) {
      send(post(base, auth, "/v1/Services/" + service + "/Lists/activity-feed/Items", "Data=" + enc("{\"n\":" + i + "}")));
    }
  }

  /** Closed loop: CONCURRENCY requests in flight for {@code seconds}; every answer must be 2xx. */
  private static double load(IntFunction<HttpRequest> requests, int seconds) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    AtomicLong done = new AtomicLong();
    AtomicLong counter = new AtomicLong();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < CONCURRENCY; c++) {
      loops.add(loop(requests, end, done, counter));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static CompletableFuture<Void> loop(IntFunction<HttpRequest> requests, long end, AtomicLong done,
      AtomicLong counter) {
    if (System.nanoTime() >= end) {
      return CompletableFuture.completedFuture(null);
    }
    return HTTP.sendAsync(requests.apply((int) counter.getAndIncrement()), HttpResponse.BodyHandlers.discarding())
        .thenCompose(response -> {
          if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                + " answered " + response.statusCode());
          }
          done.incrementAndGet();
          return loop(requests, end, done, counter);
        });
  }

  private static void fill(int from, int to, IntFunction<HttpRequest> requests) throws Exception {
    AtomicLong next = new AtomicLong(from);
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int c = 0; c < CONCURRENCY; c++) {
      loops.add(fillLoop(requests, next, to));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
  }

  private static CompletableFuture<Void> fillLoop(IntFunction<HttpRequest> requests, AtomicLong next, int to) {
    long i = next.getAndIncrement();
    if (i >= to) {
      return CompletableFuture.completedFuture(null);
    }
    return HTTP.sendAsync(requests.apply((int) i), HttpResponse.BodyHandlers.discarding())
        .thenCompose(r -> fillLoop(requests, next, to));
  }

  private static double time(HttpRequest request) throws Exception {
    long t0 = System.nanoTime();
    send(request);
    return (System.nanoTime() - t0) / 1e6;
  }

  private static void send(HttpRequest request) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static HttpRequest post(String base, String auth, String path, String form) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
        .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", "twilio-java/11.1.0")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }

  private static HttpRequest get(String base, String auth, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
        .header("User-Agent", "twilio-java/11.1.0").GET().build();
  }

  private static HttpRequest rebase(HttpRequest request, String base) {
    URI uri = request.uri();
    HttpRequest.Builder copy = HttpRequest.newBuilder(URI.create(base + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    request.headers().map().forEach((k, vs) -> vs.forEach(v -> copy.header(k, v)));
    return copy.method(request.method(), request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody())).build();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
