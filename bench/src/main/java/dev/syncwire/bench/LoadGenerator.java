package dev.syncwire.bench;

import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.WebhookRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A closed-loop HTTP/1.1 load: {@code concurrency} lanes, each on its own kept-alive connection,
 * each sending the next webhook of the pool as soon as its previous answer arrived, until a
 * deadline or a count. Every answer must be 200; latency is measured per request from send to
 * the last byte of the answer. Requests carry Twilio's headers: {@code X-Twilio-Signature},
 * {@code I-Twilio-Idempotency-Token}, {@code User-Agent: TwilioProxy/1.1}, {@code Accept: *}{@code /*}.
 *
 * <pre>{@code
 * try (LoadGenerator load = LoadGenerator.start(48)) {
 *   LoadGenerator.Phase phase = load.run(url, pool, LoadGenerator.Cursor.distinct(pool), 10_000, Long.MAX_VALUE);
 * }
 * }</pre>
 */
public final class LoadGenerator implements AutoCloseable {
  /** The headers Twilio's webhook sender adds, so every server parses and keeps what it would in production. */

  private final HttpClient client;
  private final int concurrency;

  private LoadGenerator(HttpClient client, int concurrency) {
    this.client = client;
    this.concurrency = concurrency;
  }

  public static LoadGenerator start(int concurrency) throws Exception {
    HttpClient client = client(concurrency);
    client.start();
    return new LoadGenerator(client, concurrency);
  }

  /**
   * A Jetty HTTP/1.1 client for closed-loop load, not started: one selector, a pool sized to the
   * connections, one connection per lane and no redirects. FakeLoad uses it too.
   */
  static HttpClient client(int concurrency) {
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(1);
    QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, concurrency), 4);
    threads.setName("load");
    threads.setDaemon(true);
    connector.setExecutor(threads);
    HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
    client.setExecutor(threads);
    client.setMaxConnectionsPerDestination(concurrency);
    client.setMaxRequestsQueuedPerDestination(concurrency * 4);
    client.setFollowRedirects(false);
    return client;
  }

  /** Which webhook each server gets next: a receiver must never see a body twice, the others may. */
  public static final class Cursor {
    private final AtomicLong next = new AtomicLong();
    private final int size;
    private final boolean wrap;

    private Cursor(int size, boolean wrap) {
      this.size = size;
      this.wrap = wrap;
    }

    /**
     * Each delivery distinct: the pool once, then its bodies again with a new
     * {@code I-Twilio-Idempotency-Token} per lap, so a receiver (which keys redelivery on the
     * token) records every one. Twilio, too, gives each delivery of a new change its own token.
     */
    public static Cursor distinct(WebhookPool pool) {
      return new Cursor(pool.size(), false);
    }

    /** Round and round the pool. */
    public static Cursor cycling(WebhookPool pool) {
      return new Cursor(pool.size(), true);
    }

    /** The next delivery number: webhook {@code n % size}, lap {@code n / size}. */
    long next() {
      return next.getAndIncrement();
    }

    /** Which of the pool's webhooks delivery {@code n} sends. */
    int webhook(long n) {
      return (int) (n % size);
    }

    /** The token of delivery {@code n}: the pool's own on the first lap (and always when cycling). */
    String token(WebhookPool pool, long n) {
      long lap = n / size;
      String token = pool.idempotencyToken(webhook(n));
      return wrap || lap == 0 ? token : token + "-" + lap;
    }
  }

  /** One measured phase against one server. Latencies are sorted, in nanoseconds. */
  public record Phase(String server, long ok, long failed, long elapsedNanos, long[] latencies, String firstFailure) {
    public double perSecond() {
      return ok * 1e9 / elapsedNanos;
    }

    /** The {@code q} quantile (0 to 1) in milliseconds. */
    public double latencyMillis(double q) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1);
      return latencies[Math.max(0, i)] / 1e6;
    }
  }

  /**
   * Posts webhooks to {@code url} until {@code millis} have passed or {@code limit} were sent
   * (whichever first), then waits for the answers in flight.
   */
  public Phase run(String server, URI url, WebhookPool pool, Cursor cursor, long millis, long limit)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
    LongAdder ok = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    AtomicInteger budget = new AtomicInteger((int) Math.min(Integer.MAX_VALUE, limit));
    CountDownLatch done = new CountDownLatch(concurrency);
    Lane[] lanes = new Lane[concurrency];
    for (int l = 0; l < concurrency; l++) {
      lanes[l] = new Lane();
    }
    for (Lane lane : lanes) {
      send(lane, url, pool, cursor, deadline, budget, ok, failed, firstFailure, done);
    }
    if (!done.await(millis + 30_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(server + ": answers still missing 30 s after the phase ended; "
          + ok.sum() + " ok, " + failed.sum() + " failed");
    }
    long elapsed = System.nanoTime() - start;
    int total = 0;
    for (Lane lane : lanes) {
      total += lane.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (Lane lane : lanes) {
      System.arraycopy(lane.latencies, 0, all, at, lane.count);
      at += lane.count;
    }
    Arrays.sort(all);
    return new Phase(server, ok.sum(), failed.sum(), elapsed, all, firstFailure.get());
  }

  private void send(Lane lane, URI url, WebhookPool pool, Cursor cursor, long deadline, AtomicInteger budget,
      LongAdder ok, LongAdder failed, AtomicReference<String> firstFailure, CountDownLatch done) {
    if (System.nanoTime() >= deadline || firstFailure.get() != null || budget.getAndDecrement() <= 0) {
      done.countDown();
      return;
    }
    long n = cursor.next();
    int i = cursor.webhook(n);
    long sent = System.nanoTime();
    client.newRequest(url)
        .method(HttpMethod.POST)
        .body(new BytesRequestContent(WebhookRequest.CONTENT_TYPE, pool.body(i)))
        .headers(h -> h.put(TwilioSignature.HEADER, pool.signature(i))
            .put(HttpHeader.USER_AGENT, WebhookRequest.USER_AGENT)
            .put(HttpHeader.ACCEPT, WebhookRequest.ACCEPT)
            .put(WebhookRequest.IDEMPOTENCY_TOKEN_HEADER, cursor.token(pool, n)))
        .timeout(10, TimeUnit.SECONDS)
        .send(new BufferingResponseListener(64 * 1024) {
          @Override
          public void onComplete(Result result) {
            long latency = System.nanoTime() - sent;
            if (result.isSucceeded() && result.getResponse().getStatus() == 200) {
              ok.increment();
              lane.add(latency);
            } else {
              failed.increment();
              firstFailure.compareAndSet(null, result.isFailed()
                  ? "webhook #" + i + " failed: " + result.getFailure()
                  : "webhook #" + i + " (" + pool.type(i) + ") got " + result.getResponse().getStatus() + ": "
                      + getContentAsString());
            }
            send(lane, url, pool, cursor, deadline, budget, ok, failed, firstFailure, done);
          }
        });
  }

  /** GET or other small calls to a server's counters. */
  public HttpClient client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }

  /** One lane's latencies; only its own sequential callbacks write to it. */
  private static final class Lane {
    private long[] latencies = new long[8192];
    private int count;

    void add(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }
  }
}
