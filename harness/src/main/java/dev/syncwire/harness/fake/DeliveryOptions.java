package dev.syncwire.harness.fake;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link WebhookDelivery} makes deliveries.
 *
 * @param httpClient the client to send with, or null for one of our own (HTTP/1.1, no redirects)
 * @param connectTimeout applies to our own client only
 * @param timeout per attempt, until the whole response has arrived (Twilio's default is 15 s)
 * @param maxAttempts first try included; retries happen on connection failure, timeout, 5xx, 429
 * @param retryBackoff wait between attempts
 * @param threads bounds the worker pool that runs deliveries
 * @param closeTimeout how long close() lets in-flight deliveries finish
 */
record DeliveryOptions(
    HttpClient httpClient,
    Duration connectTimeout,
    Duration timeout,
    int maxAttempts,
    Duration retryBackoff,
    int threads,
    Duration closeTimeout) {

  DeliveryOptions {
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
  static DeliveryOptions defaults() {
    return new DeliveryOptions(null, Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
        Duration.ofMillis(200), 4, Duration.ofSeconds(2));
  }

  DeliveryOptions withHttpClient(HttpClient client) {
    return new DeliveryOptions(client, connectTimeout, timeout, maxAttempts, retryBackoff, threads, closeTimeout);
  }

  DeliveryOptions withTimeout(Duration t) {
    return new DeliveryOptions(httpClient, t, t, maxAttempts, retryBackoff, threads, closeTimeout);
  }

  DeliveryOptions withRetries(int attempts, Duration backoff) {
    return new DeliveryOptions(httpClient, connectTimeout, timeout, attempts, backoff, threads, closeTimeout);
  }

  DeliveryOptions withThreads(int n) {
    return new DeliveryOptions(httpClient, connectTimeout, timeout, maxAttempts, retryBackoff, n, closeTimeout);
  }

  DeliveryOptions withCloseTimeout(Duration t) {
    return new DeliveryOptions(httpClient, connectTimeout, timeout, maxAttempts, retryBackoff, threads, t);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive; got " + d);
    }
  }
}
