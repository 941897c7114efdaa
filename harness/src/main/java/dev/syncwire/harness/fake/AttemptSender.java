package dev.syncwire.harness.fake;

import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Makes one HTTP attempt of a delivery and reports it as an {@link Attempt}: status and the first
 * {@link #BODY_LIMIT} bytes of the answer, or why there was none, in words a user can act on.
 */
final class AttemptSender {
  static final int BODY_LIMIT = 2048;

  private final HttpClient client;
  private final Duration timeout;
  private final Executor callbacks;

  AttemptSender(HttpClient client, Duration timeout, Executor callbacks) {
    this.client = client;
    this.timeout = timeout;
    this.callbacks = callbacks;
  }

  /** Sends {@code request} and hands the attempt to {@code done} on {@code callbacks}; never throws. */
  void send(HttpRequest request, String url, Consumer<Attempt> done) {
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    BoundedBody body = new BoundedBody();
    try {
      CompletableFuture<HttpResponse<Void>> response =
          client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArrayConsumer(body));
      response
          .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
          .whenCompleteAsync((r, err) -> {
            if (err != null) {
              response.cancel(true);
            }
            done.accept(attempt(url, startedAt, t0, r, body, err));
          }, callbacks);
    } catch (RuntimeException e) {
      done.accept(attempt(url, startedAt, t0, null, body, e));
    }
  }

  private Attempt attempt(String url, Instant startedAt, long t0, HttpResponse<Void> response,
      BoundedBody body, Throwable err) {
    Duration latency = Duration.ofNanos(System.nanoTime() - t0);
    Throwable cause = unwrap(err);
    return cause == null
        ? new Attempt(startedAt, response.statusCode(), body.text(), latency, null)
        : new Attempt(startedAt, -1, "", latency, describe(cause, url));
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
      return "no complete response within " + timeout
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
}
