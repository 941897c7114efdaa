package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Fault;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the fake's webhooks as Twilio does: a signed form POST per event, asynchronously, in
 * order per object, concurrently across objects, with a bounded retry. Every delivery and every
 * attempt is recorded; nothing is thrown to the caller and every final failure is logged once at
 * WARN.
 *
 * <pre>{@code
 * try (WebhookDelivery delivery = new WebhookDelivery(WebhookDelivery.Options.defaults())) {
 *   delivery.send("http://127.0.0.1:4567/hook", params, authToken, serviceSid + documentSid);
 *   delivery.awaitDelivered(1, Duration.ofSeconds(2));
 * }
 * }</pre>
 */
final class WebhookDelivery implements WebhookSink, AutoCloseable {
  static final String USER_AGENT = "TwilioProxy/1.1";
  static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";
  static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
  static final int BODY_LIMIT = 2048;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /**
   * How deliveries are made.
   *
   * @param httpClient the client to send with, or null for one of our own (HTTP/1.1, no redirects)
   * @param connectTimeout applies to our own client only
   * @param timeout per attempt, until the whole response has arrived (Twilio's default is 15 s)
   * @param maxAttempts first try included; retries happen on connection failure, timeout, 5xx, 429
   * @param retryBackoff wait between attempts
   * @param threads bounds the worker pool that runs deliveries
   * @param closeTimeout how long close() lets in-flight deliveries finish
   */
  record Options(
      HttpClient httpClient,
      Duration connectTimeout,
      Duration timeout,
      int maxAttempts,
      Duration retryBackoff,
      int threads,
      Duration closeTimeout) {

    Options {
      requirePositive(connectTimeout, "connectTimeout");
      requirePositive(timeout, "timeout");
      Objects.requireNonNull(retryBackoff, "retryBackoff");
      requirePositive(closeTimeout, "closeTimeout");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts counts the first try, so it must be 1 or more; got " + maxAttempts);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be 1 or more; got " + threads);
      }
    }

    /** 5 s timeouts, 2 attempts 200 ms apart (Twilio's default retry count is 1), 4 threads, 2 s close. */
    static Options defaults() {
      return new Options(null, Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
          Duration.ofMillis(200), 4, Duration.ofSeconds(2));
    }

    Options withHttpClient(HttpClient client) {
      return new Options(client, connectTimeout, timeout, maxAttempts, retryBackoff, threads, closeTimeout);
    }

    Options withTimeout(Duration t) {
      return new Options(httpClient, t, t, maxAttempts, retryBackoff, threads, closeTimeout);
    }

    Options withRetries(int attempts, Duration backoff) {
      return new Options(httpClient, connectTimeout, timeout, attempts, backoff, threads, closeTimeout);
    }

    Options withThreads(int n) {
      return new Options(httpClient, connectTimeout, timeout, maxAttempts, retryBackoff, n, closeTimeout);
    }

    Options withCloseTimeout(Duration t) {
      return new Options(httpClient, connectTimeout, timeout, maxAttempts, retryBackoff, threads, t);
    }

    private static void requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive; got " + d);
      }
    }
  }

  private final Options options;
  private final HttpClient client;
  private final ExecutorService httpExecutor; // ours to shut down, or null for a caller's client
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final WebhookFaults faults = new WebhookFaults(this::releaseHeld);

  private final Object lock = new Object();
  // Guarded by lock: everything below.
  private final List<Job> jobs = new ArrayList<>();
  private final Map<String, Lane> lanes = new HashMap<>();
  private final Map<Object, List<Job>> held = new LinkedHashMap<>();
  private long sequence;
  private int pending;
  private int delivered;
  private boolean closed;

  WebhookDelivery(Options options) {
    this.options = Objects.requireNonNull(options, "options");
    String name = "syncwire-webhook-" + INSTANCES.incrementAndGet();
    this.workers = new ThreadPoolExecutor(options.threads(), options.threads(), 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads(name + "-worker-"));
    this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-timer-"));
    if (options.httpClient() != null) {
      this.client = options.httpClient();
      this.httpExecutor = null;
    } else {
      this.httpExecutor = Executors.newCachedThreadPool(daemonThreads(name + "-http-"));
      this.client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(options.connectTimeout())
          .executor(httpExecutor)
          .build();
    }
  }

  /** The fault script applied to the next deliveries. */
  WebhookFaults faults() {
    return faults;
  }

  /**
   * Queues one webhook and returns at once. Never throws: a delivery that cannot be made is
   * recorded {@code FAILED} with the reason, and logged.
   */
  @Override
  public void send(String url, FormParams params, String authToken, String orderingKey) {
    try {
      accept(url, params == null ? FormParams.empty() : params, authToken,
          orderingKey == null ? "" : orderingKey);
    } catch (RuntimeException e) {
      LOG.warn("Webhook to {} not queued: {}", url, e.toString(), e);
    }
  }

  private void accept(String url, FormParams params, String authToken, String orderingKey) {
    Job refused = null;
    synchronized (lock) {
      long seq = ++sequence;
      if (closed) {
        refused = new Job(seq, url, params, authToken, orderingKey, Fault.NONE, Duration.ZERO);
        register(refused);
      } else {
        WebhookFaults.Assignment a = faults.assign(orderingKey);
        Job job = new Job(seq, url, params, authToken, orderingKey, a.fault(), a.delay());
        register(job);
        switch (a.fault()) {
          case DROP -> finishLocked(job, Outcome.DROPPED,
              "dropped by WebhookFaults.dropNext: never sent");
          case REORDER -> {
            held.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(job);
            if (a.last()) {
              enqueueReversedLocked(held.remove(a.group()));
            }
          }
          default -> enqueueLocked(job);
        }
      }
    }
    if (refused != null) {
      finish(refused, Outcome.FAILED, "not sent: this WebhookDelivery was already closed");
    }
  }

  /** Every delivery so far, in the order they were asked for. */
  List<WebhookDeliveryRecord> deliveries() {
    synchronized (lock) {
      List<WebhookDeliveryRecord> out = new ArrayList<>(jobs.size());
      for (Job job : jobs) {
        out.add(job.snapshot());
      }
      return Collections.unmodifiableList(out);
    }
  }

  /**
   * Drops every webhook still queued or held (recorded {@code DROPPED} with {@code reason}), then
   * waits up to {@code inFlight} for the ones already on the wire: after a reset nothing about the
   * old state arrives late.
   *
   * @return false if some were still in flight after {@code inFlight}
   */
  boolean dropQueued(String reason, Duration inFlight) {
    synchronized (lock) {
      for (List<Job> group : held.values()) {
        group.forEach(job -> finishLocked(job, Outcome.DROPPED, reason));
      }
      held.clear();
      for (Lane lane : new ArrayList<>(lanes.values())) { // a copy: finishing a lane's current job may remove the lane
        List<Job> queued = new ArrayList<>(lane.queue);
        lane.queue.clear();
        queued.forEach(job -> finishLocked(job, Outcome.DROPPED, reason));
        Job waiting = lane.current; // still waiting out a delay fault: not sent yet, so dropped like the queued ones
        if (waiting != null && waiting.delayTimer != null && waiting.delayTimer.cancel(false)) {
          finishLocked(waiting, Outcome.DROPPED, reason);
        }
      }
    }
    return awaitQuiet(inFlight);
  }

  /** The sequence number of the latest delivery asked for; 0 before the first. */
  long lastSequence() {
    synchronized (lock) {
      return sequence;
    }
  }

  /**
   * Waits up to {@code timeout} until every delivery numbered {@code after + 1} to {@code upTo} has
   * finished, ignoring all others.
   *
   * @return those still pending then (empty when all finished)
   */
  List<WebhookDeliveryRecord> awaitFinished(long after, long upTo, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<WebhookDeliveryRecord> left = new ArrayList<>();
        for (Job job : jobs) {
          if (job.sequence > after && job.sequence <= upTo && job.outcome == Outcome.PENDING) {
            left.add(job.snapshot());
          }
        }
        long wait = deadline - System.nanoTime();
        if (left.isEmpty() || wait <= 0) {
          return left;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return left;
        }
      }
    }
  }

  /** Forgets finished deliveries (a reset between tests); pending ones stay and still complete. */
  void forgetFinished() {
    synchronized (lock) {
      jobs.removeIf(job -> job.outcome != Outcome.PENDING);
      delivered = 0;
    }
  }

  /**
   * Waits until no delivery is pending (queued, delayed, held for reordering, or in flight).
   *
   * @return false if some were still pending after {@code timeout}, or the wait was interrupted
   */
  boolean awaitQuiet(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      try {
        while (pending > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * Waits until at least {@code count} deliveries are {@code DELIVERED}.
   *
   * @return every delivery so far
   * @throws AssertionError naming what was expected and listing every delivery, on time-out
   */
  List<WebhookDeliveryRecord> awaitDelivered(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      try {
        while (delivered < count) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<WebhookDeliveryRecord> all = deliveries();
      if (delivered >= count) {
        return all;
      }
      StringBuilder sb = new StringBuilder()
          .append("expected ").append(count).append(" webhook(s) DELIVERED within ").append(timeout)
          .append(" but ").append(delivered).append(" were, of ").append(all.size()).append(" sent:");
      all.forEach(d -> sb.append("\n  ").append(d));
      throw new AssertionError(sb.toString());
    }
  }

  /**
   * Stops accepting webhooks, releases any held for reordering, gives in-flight deliveries up to
   * {@code closeTimeout} to finish, then stops every thread. What is still pending then is recorded
   * {@code FAILED}.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    releaseHeld();
    boolean quiet = awaitQuiet(options.closeTimeout());
    List<Job> abandoned = new ArrayList<>();
    if (!quiet) {
      synchronized (lock) {
        for (Job job : jobs) {
          if (job.outcome == Outcome.PENDING) {
            abandoned.add(job);
          }
        }
      }
    }
    for (ExecutorService pool : new ExecutorService[] {timer, workers, httpExecutor}) {
      if (pool != null) {
        try {
          pool.shutdownNow();
        } catch (RuntimeException e) {
          LOG.warn("Could not stop webhook threads: {}", e.toString());
        }
      }
    }
    for (ExecutorService pool : new ExecutorService[] {timer, workers, httpExecutor}) {
      if (pool != null) {
        try {
          pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (Job job : abandoned) {
      finish(job, Outcome.FAILED, "abandoned: WebhookDelivery closed after waiting "
          + options.closeTimeout() + " and this delivery had not finished");
    }
  }

  // --- per-object lanes -------------------------------------------------------------------------

  /** One object's queue: at most one delivery in flight, the rest wait their turn. */
  private static final class Lane {
    final ArrayDeque<Job> queue = new ArrayDeque<>();
    Job current;
  }

  private void register(Job job) {
    jobs.add(job);
    pending++;
  }

  private void enqueueLocked(Job job) {
    Lane lane = lanes.computeIfAbsent(job.orderingKey, k -> new Lane());
    lane.queue.add(job);
    if (lane.current == null) {
      startNextLocked(lane, job.orderingKey);
    }
  }

  private void enqueueReversedLocked(List<Job> group) {
    for (int i = group.size() - 1; i >= 0; i--) {
      enqueueLocked(group.get(i));
    }
  }

  private void releaseHeld() {
    synchronized (lock) {
      List<List<Job>> groups = new ArrayList<>(held.values());
      held.clear();
      groups.forEach(this::enqueueReversedLocked);
    }
  }

  private void startNextLocked(Lane lane, String key) {
    Job job = lane.queue.poll();
    if (job == null) {
      lanes.remove(key);
      lane.current = null;
      return;
    }
    lane.current = job;
    try {
      if (!job.delay.isZero()) {
        job.delayTimer = timer.schedule(() -> dispatch(job, false), job.delay.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        dispatch(job, false);
      }
    } catch (RejectedExecutionException e) {
      // Only after close() stopped the threads; close() records the job as abandoned.
    }
  }

  private void dispatch(Job job, boolean duplicate) {
    try {
      workers.execute(() -> attempt(job, duplicate));
    } catch (RejectedExecutionException e) {
      // Only after close() stopped the threads; close() records the job as abandoned.
    }
  }

  // --- one HTTP attempt -------------------------------------------------------------------------

  private void attempt(Job job, boolean duplicate) {
    HttpRequest request;
    try {
      request = job.request(options.timeout());
    } catch (RuntimeException e) {
      finish(job, Outcome.FAILED, "not sent: " + e.getMessage());
      return;
    }
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    BoundedBody body = new BoundedBody();
    try {
      CompletableFuture<HttpResponse<Void>> response =
          client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArrayConsumer(body));
      response
          .orTimeout(options.timeout().toNanos(), TimeUnit.NANOSECONDS)
          .whenCompleteAsync((r, err) -> {
            if (err != null) {
              response.cancel(true);
            }
            onAttempt(job, duplicate, startedAt, t0, r, body, err);
          }, workers);
    } catch (RuntimeException e) {
      onAttempt(job, duplicate, startedAt, t0, null, body, e);
    }
  }

  private void onAttempt(Job job, boolean duplicate, Instant startedAt, long t0,
      HttpResponse<Void> response, BoundedBody body, Throwable err) {
    Duration latency = Duration.ofNanos(System.nanoTime() - t0);
    Throwable cause = unwrap(err);
    Attempt attempt = cause == null
        ? new Attempt(startedAt, response.statusCode(), body.text(), latency, null)
        : new Attempt(startedAt, -1, "", latency, describe(cause, job.url));
    int attempts;
    synchronized (lock) {
      if (job.outcome != Outcome.PENDING) {
        return; // close() gave up on it already
      }
      job.attempts.add(attempt);
      attempts = job.attempts.size();
      lock.notifyAll();
    }
    int status = attempt.status();
    if (duplicate) {
      finish(job, Outcome.DELIVERED, "sent twice by WebhookFaults.duplicateNext; the copy got "
          + attempt);
    } else if (status >= 200 && status < 300) {
      if (job.fault == Fault.DUPLICATE) {
        dispatch(job, true);
      } else {
        finish(job, Outcome.DELIVERED, "");
      }
    } else if ((cause != null || status >= 500 || status == 429) && attempts < options.maxAttempts()) {
      try {
        timer.schedule(() -> dispatch(job, false), options.retryBackoff().toNanos(),
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // Only after close() stopped the threads; close() records the job as abandoned.
      }
    } else {
      boolean retryable = cause != null || status >= 500 || status == 429;
      finish(job, Outcome.FAILED, attempts + " attempt(s), the last: " + attempt
          + (retryable ? "" : "; not retried: only connection failures, time-outs, 5xx and 429 are"));
    }
  }

  private void finish(Job job, Outcome outcome, String reason) {
    Attempt last;
    synchronized (lock) {
      if (!finishLocked(job, outcome, reason)) {
        return;
      }
      last = job.attempts.isEmpty() ? null : job.attempts.get(job.attempts.size() - 1);
    }
    if (outcome == Outcome.FAILED) {
      LOG.warn("Webhook {} #{} to {} FAILED: {}{}", job.eventType(), job.sequence, job.url, reason,
          last == null || last.connectionFailed() || last.body().isEmpty()
              ? "" : "; response body: " + oneLine(last.body()));
    }
  }

  private boolean finishLocked(Job job, Outcome outcome, String reason) {
    if (job.outcome != Outcome.PENDING) {
      return false;
    }
    job.outcome = outcome;
    job.reason = reason;
    pending--;
    if (outcome == Outcome.DELIVERED) {
      delivered++;
    }
    Lane lane = lanes.get(job.orderingKey);
    if (lane != null && lane.current == job) {
      startNextLocked(lane, job.orderingKey);
    }
    lock.notifyAll();
    return true;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** What went wrong on the wire, in words a user can act on. */
  private String describe(Throwable t, String url) {
    if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
      return "no complete response within " + options.timeout()
          + ": the receiver is slow or hung (the per-attempt timeout is configurable)";
    }
    boolean connect = false;
    String detail = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      connect |= c instanceof ConnectException;
      if (detail == null && c.getMessage() != null) {
        detail = c.getClass().getSimpleName() + ": " + c.getMessage();
      }
    }
    if (connect) {
      return "could not connect to " + authority(url) + " ("
          + (detail == null ? "connection refused or closed" : detail)
          + "): is the receiver running on that port?";
    }
    return detail == null ? t.getClass().getSimpleName() : detail;
  }

  private static String authority(String url) {
    try {
      return URI.create(url).getAuthority();
    } catch (RuntimeException e) {
      return url;
    }
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Keeps the first {@link #BODY_LIMIT} bytes of a response body and discards the rest. */
  private static final class BoundedBody implements Consumer<Optional<byte[]>> {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void accept(Optional<byte[]> chunk) {
      chunk.ifPresent(b -> bytes.write(b, 0, Math.min(b.length, BODY_LIMIT - bytes.size())));
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  // --- one delivery -----------------------------------------------------------------------------

  private static final class Job {
    final long sequence;
    final String url;
    final FormParams params;
    final String authToken;
    final String orderingKey;
    final Fault fault;
    final Duration delay;
    final String idempotencyToken = UUID.randomUUID().toString();
    final Instant createdAt = Instant.now();
    // Guarded by WebhookDelivery.lock.
    final List<Attempt> attempts = new ArrayList<>(2);
    Outcome outcome = Outcome.PENDING;
    String reason = "";
    java.util.concurrent.ScheduledFuture<?> delayTimer; // set while a delay fault holds the first attempt back
    private HttpRequest request; // built once: every retry and duplicate sends the same bytes

    Job(long sequence, String url, FormParams params, String authToken, String orderingKey,
        Fault fault, Duration delay) {
      this.sequence = sequence;
      this.url = url;
      this.params = params;
      this.authToken = authToken;
      this.orderingKey = orderingKey;
      this.fault = fault;
      this.delay = delay;
    }

    synchronized HttpRequest request(Duration timeout) {
      if (request == null) {
        if (url == null || url.isBlank()) {
          throw new IllegalArgumentException("the webhook URL is empty; set the service's webhook_url");
        }
        if (authToken == null || authToken.isEmpty()) {
          throw new IllegalArgumentException(
              "no auth token to sign with; give the fake its account's auth token");
        }
        // A fragment (Twilio's connection overrides) never goes on the wire, so it is not signed.
        int hash = url.indexOf('#');
        String wireUrl = hash < 0 ? url : url.substring(0, hash);
        URI uri;
        try {
          uri = URI.create(wireUrl);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("the webhook URL '" + url + "' is not a valid URI: "
              + e.getMessage() + "; percent-encode it");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
          throw new IllegalArgumentException("the webhook URL '" + url
              + "' is not http(s); use e.g. http://127.0.0.1:4567/sync");
        }
        request = HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", CONTENT_TYPE)
            .header("User-Agent", USER_AGENT)
            .header("Accept", "*/*")
            .header(TwilioSignature.HEADER, TwilioSignature.compute(authToken, wireUrl, params))
            .header(IDEMPOTENCY_HEADER, idempotencyToken)
            .POST(HttpRequest.BodyPublishers.ofString(params.encode(), StandardCharsets.UTF_8))
            .build();
      }
      return request;
    }

    String eventType() {
      String type = params.get("EventType");
      return type == null ? "(no EventType)" : type;
    }

    WebhookDeliveryRecord snapshot() {
      return new WebhookDeliveryRecord(sequence, url, params, orderingKey, idempotencyToken,
          createdAt, fault, attempts, outcome, reason);
    }
  }
}
