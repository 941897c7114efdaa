package dev.syncwire.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Closed-loop HTTP/1.1 load of arbitrary requests, for {@link FakeBench}: {@code concurrency}
 * lanes, each on its own kept-alive connection, each sending request number {@code n} (from one
 * shared counter) as soon as its previous answer arrived, until a deadline. Every answer must be
 * 2xx; the first that is not stops the phase and is reported. Latency is per request, send to last
 * byte, and kept per kind of call. The same lane/connection setup as {@link LoadGenerator}.
 */
final class FakeLoad implements AutoCloseable {
  /** One request: method, absolute URL, headers in order, form body (null for GET), and which kind of call (0..kinds-1). */
  record Call(String method, URI url, Map<String, String> headers, String body, int kind) {}

  /** One measured phase; latencies sorted, nanoseconds, all kinds together and per kind. */
  record Phase(String server, long ok, long elapsedNanos, long[] latencies, long[][] byKind) {
    double perSecond() {
      return ok * 1e9 / elapsedNanos;
    }

    static double millis(long[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
      return sorted[Math.max(0, i)] / 1e6;
    }

    double latencyMillis(double q) {
      return millis(latencies, q);
    }
  }

  private final HttpClient client;
  private final int concurrency;
  private final int kinds;

  private FakeLoad(HttpClient client, int concurrency, int kinds) {
    this.client = client;
    this.concurrency = concurrency;
    this.kinds = kinds;
  }

  static FakeLoad start(int concurrency, int kinds) throws Exception {
    return start(concurrency, kinds, client -> { });
  }

  /** As {@link #start(int, int)}, with {@code configure} run before the client starts (a proxy, a trust store). */
  static FakeLoad start(int concurrency, int kinds, java.util.function.Consumer<HttpClient> configure) throws Exception {
    HttpClient client = LoadGenerator.client(concurrency);
    configure.accept(client);
    // The SDK's own User-Agent comes with each call; Jetty must not add its own.
    client.setUserAgentField(null);
    // Nor an Accept-Encoding: gzip the SDK may not send (the SDK's headers are replayed as recorded).
    client.getContentDecoderFactories().clear();
    client.start();
    return new FakeLoad(client, concurrency, kinds);
  }

  /** Sends {@code calls.apply(n)} for n = 0, 1, 2, ... (the counter is shared by all lanes) for {@code millis}. */
  Phase run(String server, LongFunction<Call> calls, long millis) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
    LongAdder ok = new LongAdder();
    AtomicLong counter = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(concurrency);
    Lane[] lanes = new Lane[concurrency];
    for (int l = 0; l < concurrency; l++) {
      lanes[l] = new Lane(kinds);
      send(lanes[l], calls, counter, deadline, ok, failure, done);
    }
    if (!done.await(millis + 30_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(server + ": answers still missing 30 s after the phase ended");
    }
    long elapsed = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException(server + ": " + failure.get());
    }
    long[][] byKind = new long[kinds][];
    for (int k = 0; k < kinds; k++) {
      final int kind = k;
      byKind[k] = Arrays.stream(lanes).flatMapToLong(l -> Arrays.stream(l.latencies[kind], 0, l.counts[kind]))
          .sorted().toArray();
    }
    long[] all = Arrays.stream(byKind).flatMapToLong(Arrays::stream).sorted().toArray();
    return new Phase(server, ok.sum(), elapsed, all, byKind);
  }

  private void send(Lane lane, LongFunction<Call> calls, AtomicLong counter, long deadline, LongAdder ok,
      AtomicReference<String> failure, CountDownLatch done) {
    if (System.nanoTime() >= deadline || failure.get() != null) {
      done.countDown();
      return;
    }
    Call call = calls.apply(counter.getAndIncrement());
    Request request = client.newRequest(call.url()).method(HttpMethod.fromString(call.method()))
        .headers(h -> call.headers().forEach(h::put))
        .timeout(10, TimeUnit.SECONDS);
    if (call.body() != null) {
      request.body(new StringRequestContent(call.headers().getOrDefault("Content-Type",
          "application/x-www-form-urlencoded"), call.body()));
    }
    long sent = System.nanoTime();
    request.send(new BufferingResponseListener(1024 * 1024) {
      @Override
      public void onComplete(Result result) {
        long latency = System.nanoTime() - sent;
        int status = result.getResponse() == null ? 0 : result.getResponse().getStatus();
        if (result.isSucceeded() && status / 100 == 2) {
          ok.increment();
          lane.add(call.kind(), latency);
        } else {
          failure.compareAndSet(null, call.method() + " " + call.url() + (result.isFailed()
              ? " failed: " + result.getFailure() : " answered " + status + ": " + getContentAsString()));
        }
        send(lane, calls, counter, deadline, ok, failure, done);
      }
    });
  }

  HttpClient client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }

  /** One lane's latencies per kind; only its own sequential callbacks write to it. */
  private static final class Lane {
    final long[][] latencies;
    final int[] counts;

    Lane(int kinds) {
      latencies = new long[kinds][4096];
      counts = new int[kinds];
    }

    void add(int kind, long nanos) {
      if (counts[kind] == latencies[kind].length) {
        latencies[kind] = Arrays.copyOf(latencies[kind], counts[kind] * 2);
      }
      latencies[kind][counts[kind]++] = nanos;
    }
  }
}
