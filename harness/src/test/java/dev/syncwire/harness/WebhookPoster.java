package dev.syncwire.harness;

import dev.syncwire.fixtures.SignedWebhook;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Posts real, signed webhooks to a real receiver, each one distinct (so the receiver never flags
 * one as a redelivery unless a test means it to), synchronously or from another thread.
 */
final class WebhookPoster {
  static final String TOKEN = "await-test-token";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicLong SEQUENCE = new AtomicLong(1000);

  private final SyncReceiver receiver;

  WebhookPoster(SyncReceiver receiver) {
    this.receiver = receiver;
  }

  /** A receiver on a free loopback port that enforces signatures made with {@link #TOKEN}. */
  static SyncReceiver startReceiver() {
    return SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build());
  }

  /** Makes {@code webhook} distinct from every other one this class sent (event id, revisions, date). */
  static WebhookBuilder distinct(WebhookBuilder webhook) {
    long n = SEQUENCE.incrementAndGet();
    return webhook.eventId(n).revision(Long.toHexString(n)).itemRevision(Long.toHexString(n))
        .dateCreated(WebhookBuilder.FIXED_TIME.plusSeconds(n));
  }

  /** Signs and posts {@code webhook} (made distinct first); returns the HTTP status. */
  int post(WebhookBuilder webhook) {
    return send(distinct(webhook).sign(url(), TOKEN));
  }

  /** Posts {@code webhook} exactly as built, twice if called twice (a redelivery). */
  int postAsIs(WebhookBuilder webhook) {
    return send(webhook.sign(url(), TOKEN));
  }

  /** Posts {@code webhook} signed with the wrong token: the receiver rejects it (403). */
  int postBadlySigned(WebhookBuilder webhook) {
    return send(distinct(webhook).sign(url(), "not-the-token"));
  }

  /** Posts from another thread once {@code events} has an await waiting, so the wake-up path is what is tested. */
  CompletableFuture<Integer> postWhenWaiting(SyncEvents events, WebhookBuilder webhook) {
    return whenWaiting(events, () -> post(webhook));
  }

  /** Runs {@code post} on another thread once {@code events} has an await waiting. */
  static CompletableFuture<Integer> whenWaiting(SyncEvents events, Supplier<Integer> post) {
    return CompletableFuture.supplyAsync(() -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (events.waiting() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      return post.get();
    });
  }

  private String url() {
    return receiver.webhookUrl().toString();
  }

  private static int send(SignedWebhook webhook) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(webhook.body()));
    webhook.headers().forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
