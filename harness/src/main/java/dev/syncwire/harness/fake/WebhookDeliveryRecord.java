package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One webhook the fake owed a receiver, and what became of it: every attempt with its status,
 * body and latency, and the final outcome. Values are snapshots; ask again for newer state.
 *
 * <pre>{@code
 * WebhookDeliveryRecord d = deliveries.get(0);
 * d.outcome();                          // FAILED
 * d.attempts().size();                  // 2: the first try and one retry
 * d.lastAttempt().get().status();       // 500
 * d.toString();  // #1 map_item_updated -> http://127.0.0.1:4567/hook FAILED (HTTP 500 after 2 attempts)
 * }</pre>
 *
 * @param sequence 1-based, in the order the fake asked for deliveries
 * @param url the URL as the fake was configured, fragment included
 * @param params the form parameters sent (the body is {@code params.encode()})
 * @param orderingKey deliveries with the same key are sent one after another, in order
 * @param idempotencyToken the {@code I-Twilio-Idempotency-Token} sent on every attempt and duplicate
 * @param createdAt when the fake asked for this delivery
 * @param fault the injected fault, or {@link Fault#NONE}
 * @param attempts every HTTP request made, retries and duplicates included, oldest first
 * @param outcome where the delivery stands now
 * @param reason why it ended that way, in words; empty while pending or when delivered normally
 */
public record WebhookDeliveryRecord(
    long sequence,
    String url,
    FormParams params,
    String orderingKey,
    String idempotencyToken,
    Instant createdAt,
    Fault fault,
    List<Attempt> attempts,
    Outcome outcome,
    String reason) {

  public WebhookDeliveryRecord {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(outcome, "outcome");
    attempts = List.copyOf(attempts);
    reason = reason == null ? "" : reason;
  }

  /** Where a delivery stands. */
  public enum Outcome {
    /** Queued, held, delayed or in flight. */
    PENDING,
    /** A 2xx answer arrived. */
    DELIVERED,
    /** Every allowed attempt failed, or it could not be sent at all; {@link #reason()} says why. */
    FAILED,
    /** Not sent, on purpose: {@link WebhookFaults#dropNext(int)}. */
    DROPPED
  }

  /** The fault {@link WebhookFaults} injected into this delivery. */
  public enum Fault {
    NONE,
    DROP,
    DELAY,
    DUPLICATE,
    REORDER
  }

  /**
   * One HTTP request.
   *
   * @param startedAt when the request was handed to the HTTP client
   * @param status the response status, or -1 when no response arrived
   * @param body the response body as text, cut to its first 2 KB
   * @param latency from start to the end of the response, or to the failure
   * @param error why no response arrived, or null when one did
   */
  public record Attempt(Instant startedAt, int status, String body, Duration latency, String error) {
    public Attempt {
      body = body == null ? "" : body;
    }

    /** True when no HTTP response arrived (connection refused, reset, timed out). */
    public boolean connectionFailed() {
      return status < 0;
    }

    @Override
    public String toString() {
      return (connectionFailed() ? error : "HTTP " + status) + " in " + latency.toMillis() + " ms";
    }
  }

  /** The {@code EventType} parameter, or null when the params have none. */
  public String eventType() {
    return params.get("EventType");
  }

  public Optional<Attempt> lastAttempt() {
    return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
  }

  /** Reads {@code #3 map_item_updated -> http://127.0.0.1:4567/hook DELIVERED (HTTP 200 in 4 ms)}. */
  @Override
  public String toString() {
    String detail = !reason.isEmpty() ? reason : lastAttempt().map(Attempt::toString).orElse("");
    return "#" + sequence + " " + (eventType() == null ? "(no EventType)" : eventType())
        + " -> " + url + " " + outcome
        + (fault == Fault.NONE ? "" : " [" + fault + "]")
        + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
