package dev.syncwire.receiver.internal.forward;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.WebhookRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Sends accepted events on to the user's handler ({@code --forward-to}), re-signed for its URL,
 * and sends replays. Never on the sender's thread's time: {@link #forward} only queues. Events of
 * one object (service + object SID) go one after another, in the order recorded; objects go in
 * parallel. At most {@code maxQueued} forwards wait; one more is recorded as an error, not dropped.
 * Every attempt, failed or not, goes to {@code results}.
 */
public final class Forwarder implements AutoCloseable {
  /** The header a replay carries, naming the event it repeats: a Twilio signature has no timestamp to tell. */
  public static final String REPLAY_OF_HEADER = "X-Syncwire-Replay-Of";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_QUEUED = 10_000;

  private final URI target;
  private final String authToken;
  private final Duration timeout;
  private final int maxQueued;
  private final Clock clock;
  private final BiFunction<SyncEvent, Forward, CompletableFuture<Forward>> results;
  private final ExecutorService threads;
  private final HttpClient client;
  private final Map<String, CompletableFuture<Void>> lanes = new HashMap<>(); // guarded by itself
  private final AtomicInteger queued = new AtomicInteger();
  private final Set<Long> notForwarded = ConcurrentHashMap.newKeySet();

  /**
   * @param target where accepted events go; null forwards nothing (replays still name their URL)
   * @param authToken signs each request for its URL; null sends unsigned
   * @param results records an attempt (journal, memory, listeners); its future completes once recorded
   */
  public Forwarder(URI target, String authToken, Duration timeout, int maxQueued, Clock clock,
      BiFunction<SyncEvent, Forward, CompletableFuture<Forward>> results) {
    this.target = target;
    this.authToken = authToken;
    this.timeout = timeout;
    this.maxQueued = maxQueued;
    this.clock = clock;
    this.results = results;
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "syncwire-forward");
      t.setDaemon(true);
      return t;
    });
    // HTTP/1.1 as Twilio speaks it, no redirects followed: what the handler answers is what is shown.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).executor(threads).build();
  }

  /** Where accepted events go, or null. */
  public URI target() {
    return target;
  }

  /** Whether requests carry {@code X-Twilio-Signature}. */
  public boolean signs() {
    return authToken != null;
  }

  /** Marks an event (such as an imported one) that {@link #forward} should pass over; call before it is published. */
  public void passOver(long eventId) {
    notForwarded.add(eventId);
  }

  /**
   * Queues an accepted event for its object's lane; anything else, or no target, is passed over.
   * Returns at once: the sender's answer never waits for the handler.
   */
  public void forward(SyncEvent event) {
    if (notForwarded.remove(event.id()) || target == null || !event.accepted()) {
      return;
    }
    String url = target.toString();
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      Forward full = Forward.failed(url, 0, "forward queue full (" + maxQueued + ")", now(), false, signs());
      CompletableFuture.runAsync(() -> results.apply(event, full), threads); // never on the recording thread
      return;
    }
    String lane = event.serviceSid() + "/" + (event.objectSid() != null ? event.objectSid() : event.objectName());
    synchronized (lanes) {
      CompletableFuture<Void> previous = lanes.getOrDefault(lane, CompletableFuture.completedFuture(null));
      CompletableFuture<Void> next = previous
          .thenComposeAsync(ignored -> send(event, url, event.params(), false), threads)
          .thenCompose(forward -> results.apply(event, forward))
          .handle((forward, failure) -> {
            queued.decrementAndGet();
            return null;
          });
      lanes.put(lane, next);
      next.whenComplete((ignored, failure) -> {
        synchronized (lanes) {
          lanes.remove(lane, next); // the lane's last: nothing queued behind it
        }
      });
    }
  }

  /**
   * Sends {@code params} as a replay of {@code event} to {@code url}, with {@value #REPLAY_OF_HEADER},
   * and records the attempt; completes with it once recorded (within the time-out).
   */
  public CompletableFuture<Forward> replay(SyncEvent event, String url, FormParams params) {
    return send(event, url, params, true).thenCompose(forward -> results.apply(event, forward));
  }

  /** One POST; completes with the attempt (never exceptionally). */
  private CompletableFuture<Forward> send(SyncEvent event, String url, FormParams params, boolean replay) {
    String token = event.request().header(WebhookRequest.IDEMPOTENCY_TOKEN_HEADER);
    WebhookRequest webhook = token == null ? WebhookRequest.of(url, params, authToken)
        : WebhookRequest.of(url, params, authToken, token);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
          .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Forward.failed(url, 0, "not a URL to send to (" + e.getMessage() + ")",
          now(), replay, signs()));
    }
    webhook.headers().forEach(request::header);
    if (replay) {
      request.header(REPLAY_OF_HEADER, Long.toString(event.id()));
    }
    long start = System.nanoTime();
    return client.sendAsync(request.build(), info -> new FirstBytes())
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((response, failure) -> {
          long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          if (failure != null) {
            return Forward.failed(url, latencyMs, describe(failure), now(), replay, signs());
          }
          return new Forward(url, response.statusCode(), latencyMs, response.body(), null, now(), replay, signs());
        });
  }

  private java.time.Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** A short sentence for why there was no answer: {@code connection refused}, {@code timed out after 10 s}. */
  String describe(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    String seconds = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    if (t instanceof HttpConnectTimeoutException) {
      return "could not connect within " + seconds;
    }
    if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
      return "timed out after " + seconds;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return "connection refused";
      }
      if (c instanceof UnknownHostException) {
        return "unknown host " + c.getMessage();
      }
      if (c instanceof ClosedChannelException || c instanceof java.io.EOFException) {
        return "the handler closed the connection without answering";
      }
    }
    if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("closed")) {
      return "the handler closed the connection without answering";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Stops sending: queued forwards are not sent. */
  @Override
  public void close() {
    threads.shutdownNow();
  }

  /** Keeps the first {@link Forward#MAX_BODY_BYTES} bytes of an answer and reads (and drops) the rest. */
  private static final class FirstBytes implements HttpResponse.BodySubscriber<String> {
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    @Override
    public CompletionStage<String> getBody() {
      return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        int room = Forward.MAX_BODY_BYTES - kept.size();
        if (room > 0) {
          byte[] bytes = new byte[Math.min(room, buffer.remaining())];
          buffer.get(bytes);
          kept.write(bytes, 0, bytes.length);
        }
      }
    }

    @Override
    public void onError(Throwable failure) {
      text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      text.complete(kept.toString(StandardCharsets.UTF_8));
    }
  }
}
