package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.fixtures.WebhookRequest;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Fault;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One webhook the fake delivers: what to send, its fault, and (guarded by the delivery's lock) its attempts and outcome. */
final class DeliveryJob {
  final long sequence;
  final String url;
  final FormParams params;
  final String authToken;
  /** When set, signs as a Webhook Rule does (HMAC-SHA256) instead of with {@link #authToken}. */
  final SigningKey signingKey;
  final String orderingKey;
  final Fault fault;
  final Duration delay;
  final String idempotencyToken = UUID.randomUUID().toString();
  final Instant createdAt = Instant.now();
  // Guarded by WebhookDelivery's lock.
  final List<Attempt> attempts = new ArrayList<>(2);
  Outcome outcome = Outcome.PENDING;
  String reason = "";
  java.util.concurrent.ScheduledFuture<?> delayTimer; // set while a delay fault holds the first attempt back
  private HttpRequest request; // built once: every retry and duplicate sends the same bytes

  DeliveryJob(long sequence, String url, FormParams params, String authToken, SigningKey signingKey,
      String orderingKey, Fault fault, Duration delay) {
    this.sequence = sequence;
    this.url = url;
    this.params = params;
    this.authToken = authToken;
    this.signingKey = signingKey;
    this.orderingKey = orderingKey;
    this.fault = fault;
    this.delay = delay;
  }

  /** The request every attempt sends; throws, naming what to fix, when the URL or token cannot make one. */
  synchronized HttpRequest request(Duration timeout) {
    if (request == null) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("the webhook URL is empty; set the service's webhook_url");
      }
      if (signingKey == null && (authToken == null || authToken.isEmpty())) {
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
      WebhookRequest webhook = signingKey != null ? WebhookRequest.of(wireUrl, params, signingKey, idempotencyToken)
          : WebhookRequest.of(wireUrl, params, authToken, idempotencyToken);
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
          .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
      webhook.headers().forEach(builder::header);
      request = builder.build();
    }
    return request;
  }

  String eventType() {
    String type = params.get("EventType");
    return type == null ? "(no EventType)" : type;
  }

  Attempt lastAttempt() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  WebhookDeliveryRecord snapshot() {
    return new WebhookDeliveryRecord(sequence, url, params, orderingKey, idempotencyToken,
        createdAt, fault, attempts, outcome, reason);
  }
}
