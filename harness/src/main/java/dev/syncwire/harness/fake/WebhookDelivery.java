package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Fault;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the fake's webhooks as Twilio does: a signed form POST per event, asynchronously, in
 * order per object ({@link DeliveryLanes}), concurrently across objects, with a bounded retry. One
 * HTTP attempt is {@link AttemptSender}'s job, one delivery's request and state {@link
 * DeliveryJob}'s. Every delivery and every attempt is recorded; nothing is thrown to the caller
 * and every final failure is logged once at WARN.
 *
 * <pre>{@code
 * try (WebhookDelivery delivery = new WebhookDelivery(DeliveryOptions.defaults())) {
 *   delivery.send("http://127.0.0.1:4567/hook", params, authToken, serviceSid + documentSid);
 *   delivery.awaitQuiet(Duration.ofSeconds(2));
 * }
 * }</pre>
 */
final class WebhookDelivery implements WebhookSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final DeliveryOptions options;
  private final ExecutorService httpExecutor; // ours to shut down, or null for a caller's client
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final AttemptSender sender;
  private final WebhookFaults faults = new WebhookFaults(this::releaseHeld);
  // Tells the listener off the lock, in the order deliveries end; its thread starts with the first task.
  private final ExecutorService notifier;
  private volatile Consumer<WebhookDeliveryRecord> onFinished;

  private final Object lock = new Object();
  // Guarded by lock: everything below.
  private final List<DeliveryJob> jobs = new ArrayList<>();
  private final DeliveryLanes lanes = new DeliveryLanes(this::startLocked);
  private long sequence;
  private int pending;
  private volatile SigningKey signingKey;
  private boolean closed;

  WebhookDelivery(DeliveryOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    String name = "syncwire-webhook-" + INSTANCES.incrementAndGet();
    this.workers = new ThreadPoolExecutor(options.threads(), options.threads(), 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads(name + "-worker-"));
    this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-timer-"));
    this.notifier = Executors.newSingleThreadExecutor(daemonThreads(name + "-listener-"));
    HttpClient client;
    if (options.httpClient() != null) {
      client = options.httpClient();
      this.httpExecutor = null;
    } else {
      this.httpExecutor = Executors.newCachedThreadPool(daemonThreads(name + "-http-"));
      client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(options.connectTimeout())
          .executor(httpExecutor)
          .build();
    }
    this.sender = new AttemptSender(client, options.timeout(), workers);
  }

  /** Signs every later webhook with {@code key} and HMAC-SHA256, as a Webhook Rule does; null: the auth token. */
  void signWith(SigningKey key) {
    this.signingKey = key;
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
    DeliveryJob refused = null;
    synchronized (lock) {
      long seq = ++sequence;
      if (closed) {
        refused = new DeliveryJob(seq, url, params, authToken, signingKey, orderingKey, Fault.NONE, Duration.ZERO);
        register(refused);
      } else {
        WebhookFaults.Assignment a = faults.assign(orderingKey);
        DeliveryJob job = new DeliveryJob(seq, url, params, authToken, signingKey, orderingKey, a.fault(), a.delay());
        register(job);
        switch (a.fault()) {
          case DROP -> finishLocked(job, Outcome.DROPPED,
              "dropped by WebhookFaults.dropNext: never sent");
          case REORDER -> lanes.hold(a.group(), job, a.last());
          default -> lanes.enqueue(job);
        }
      }
    }
    if (refused != null) {
      finish(refused, Outcome.FAILED, "not sent: this WebhookDelivery was already closed");
    }
  }

  /** Called once per delivery when it ends (delivered, failed or dropped), in that order, on a thread of its own. */
  void onFinished(Consumer<WebhookDeliveryRecord> listener) {
    this.onFinished = listener;
  }

  /** Every delivery so far, in the order they were asked for. */
  List<WebhookDeliveryRecord> deliveries() {
    synchronized (lock) {
      List<WebhookDeliveryRecord> out = new ArrayList<>(jobs.size());
      for (DeliveryJob job : jobs) {
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
      lanes.removeQueued().forEach(job -> finishLocked(job, Outcome.DROPPED, reason));
      for (DeliveryJob waiting : lanes.currentJobs()) { // waiting out a delay fault: not sent yet, so dropped too
        if (waiting.delayTimer != null && waiting.delayTimer.cancel(false)) {
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
        for (DeliveryJob job : jobs) {
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
    List<DeliveryJob> abandoned = new ArrayList<>();
    if (!quiet) {
      synchronized (lock) {
        for (DeliveryJob job : jobs) {
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
    for (DeliveryJob job : abandoned) {
      finish(job, Outcome.FAILED, "abandoned: WebhookDelivery closed after waiting "
          + options.closeTimeout() + " and this delivery had not finished");
    }
    notifier.shutdown(); // what is queued is still told
    try {
      notifier.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void register(DeliveryJob job) {
    jobs.add(job);
    pending++;
  }

  private void releaseHeld() {
    synchronized (lock) {
      lanes.releaseHeld();
    }
  }

  /** Its lane's turn has come: the first attempt, after the job's fault delay if any. */
  private void startLocked(DeliveryJob job) {
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

  private void dispatch(DeliveryJob job, boolean duplicate) {
    try {
      workers.execute(() -> attempt(job, duplicate));
    } catch (RejectedExecutionException e) {
      // Only after close() stopped the threads; close() records the job as abandoned.
    }
  }

  private void attempt(DeliveryJob job, boolean duplicate) {
    HttpRequest request;
    try {
      request = job.request(options.timeout());
    } catch (RuntimeException e) {
      finish(job, Outcome.FAILED, "not sent: " + e.getMessage());
      return;
    }
    sender.send(request, job.url, attempt -> onAttempt(job, duplicate, attempt));
  }

  /** Records an attempt and decides what follows: done, the duplicate, a retry, or failure. */
  private void onAttempt(DeliveryJob job, boolean duplicate, Attempt attempt) {
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
    boolean retryable = attempt.connectionFailed() || status >= 500 || status == 429;
    if (duplicate) {
      finish(job, Outcome.DELIVERED, "sent twice by WebhookFaults.duplicateNext; the copy got "
          + attempt);
    } else if (status >= 200 && status < 300) {
      if (job.fault == Fault.DUPLICATE) {
        dispatch(job, true);
      } else {
        finish(job, Outcome.DELIVERED, "");
      }
    } else if (retryable && attempts < options.maxAttempts()) {
      try {
        timer.schedule(() -> dispatch(job, false), options.retryBackoff().toNanos(),
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // Only after close() stopped the threads; close() records the job as abandoned.
      }
    } else {
      finish(job, Outcome.FAILED, attempts + " attempt(s), the last: " + attempt
          + (retryable ? "" : "; not retried: only connection failures, time-outs, 5xx and 429 are"));
    }
  }

  private void finish(DeliveryJob job, Outcome outcome, String reason) {
    Attempt last;
    synchronized (lock) {
      if (!finishLocked(job, outcome, reason)) {
        return;
      }
      last = job.lastAttempt();
    }
    if (outcome == Outcome.FAILED) {
      LOG.warn("Webhook {} #{} to {} FAILED: {}{}", job.eventType(), job.sequence, job.url, reason,
          last == null || last.connectionFailed() || last.body().isEmpty()
              ? "" : "; response body: " + oneLine(last.body()));
    }
  }

  private boolean finishLocked(DeliveryJob job, Outcome outcome, String reason) {
    if (job.outcome != Outcome.PENDING) {
      return false;
    }
    job.outcome = outcome;
    job.reason = reason;
    Consumer<WebhookDeliveryRecord> listener = onFinished;
    if (listener != null) {
      WebhookDeliveryRecord record = job.snapshot();
      try {
        notifier.execute(() -> listener.accept(record));
      } catch (RejectedExecutionException e) {
        // only after close(): nobody is listening any more
      }
    }
    pending--;
    lanes.finished(job);
    lock.notifyAll();
    return true;
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
}
