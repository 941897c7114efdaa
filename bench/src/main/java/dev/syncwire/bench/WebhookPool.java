package dev.syncwire.bench;

import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.WebhookRequest;
import dev.syncwire.fixtures.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Distinct, realistic, signed Sync webhooks ({@link WebhookRequest}), each with its own idempotency
 * token, built before any clock starts, so the load generator only copies bytes. Every body differs (the receiver flags a repeated body as a redelivery), and
 * types rotate over map, list, document and stream events. All are signed for
 * {@link #SIGNED_URL}, which the benchmarked receivers take as their public URL, so one pool
 * serves every port.
 *
 * <pre>{@code
 * WebhookPool pool = WebhookPool.build(50_000);
 * client.POST(url).body(new BytesRequestContent(WebhookPool.CONTENT_TYPE, pool.body(0)))
 *     .headers(h -> h.put(TwilioSignature.HEADER, pool.signature(0)));
 * }</pre>
 */
public final class WebhookPool {
  /** The URL every webhook is signed for, as if Twilio called the receiver through a tunnel. */
  public static final String SIGNED_URL = "https://bench.syncwire.dev/webhooks";
  public static final String PUBLIC_URL = "https://bench.syncwire.dev";
  public static final String AUTH_TOKEN = "bench0auth0token0000000000000000";
  public static final String CONTENT_TYPE = WebhookRequest.CONTENT_TYPE;

  private final byte[][] bodies;
  private final String[] signatures;
  private final String[] types;
  private final String[] idempotencyTokens;

  private WebhookPool(byte[][] bodies, String[] signatures, String[] types, String[] idempotencyTokens) {
    this.bodies = bodies;
    this.signatures = signatures;
    this.types = types;
    this.idempotencyTokens = idempotencyTokens;
  }

  /** Builds {@code size} webhooks on every core; about 10,000 a second per core. */
  public static WebhookPool build(int size) {
    byte[][] bodies = new byte[size][];
    String[] signatures = new String[size];
    String[] types = new String[size];
    String[] tokens = new String[size];
    IntStream.range(0, size).parallel().forEach(i -> {
      WebhookBuilder builder = webhook(i);
      String token = UUID.nameUUIDFromBytes(("syncwire-bench-" + i).getBytes(StandardCharsets.UTF_8)).toString();
      WebhookRequest request = WebhookRequest.of(SIGNED_URL, builder.build(), AUTH_TOKEN, token);
      bodies[i] = request.body();
      signatures[i] = request.signature();
      types[i] = builder.type().wireName();
      tokens[i] = request.idempotencyToken();
    });
    return new WebhookPool(bodies, signatures, types, tokens);
  }

  /** Webhook number {@code i}: the type rotates, keys, indexes, revisions and data carry {@code i}. */
  static WebhookBuilder webhook(int i) {
    Instant at = WebhookBuilder.FIXED_TIME.plusMillis(i * 37L);
    String user = "user-" + (i % 5_000);
    return switch (i % 8) {
      case 0, 1 -> Webhooks.mapItemUpdated().key(user).eventId(i).itemRevision(Integer.toHexString(i))
          .data("{\"status\":\"" + (i % 3 == 0 ? "away" : "online") + "\",\"lastSeen\":\"" + at
              + "\",\"device\":\"web\",\"seq\":" + i + "}").dateCreated(at);
      case 2 -> Webhooks.mapItemAdded().key("user-" + i).eventId(i)
          .data("{\"status\":\"online\",\"lastSeen\":\"" + at + "\",\"device\":\"ios\",\"seq\":" + i + "}")
          .dateCreated(at);
      case 3 -> Webhooks.mapItemRemoved().key("user-" + (i - 1)).eventId(i).dateCreated(at);
      case 4, 5 -> Webhooks.listItemAdded().index(i).eventId(i)
          .data("{\"userId\":\"" + user + "\",\"action\":\"login\",\"details\":\"web\",\"timestamp\":\"" + at
              + "\",\"seq\":" + i + "}").dateCreated(at);
      case 6 -> Webhooks.documentUpdated().document("call-CA" + String.format("%032x", i)).eventId(i)
          .revision(Integer.toHexString(i % 97 + 1))
          .data("{\"stage\":\"menu\",\"selections\":[" + (i % 9) + "],\"startTime\":\"" + at + "\",\"seq\":" + i + "}")
          .dateCreated(at);
      default -> Webhooks.streamMessagePublished().eventId(i)
          .data("{\"type\":\"typing\",\"userId\":\"" + user + "\",\"roomId\":\"room-" + (i % 50)
              + "\",\"isTyping\":" + (i % 2 == 0) + ",\"seq\":" + i + "}").dateCreated(at);
    };
  }

  public int size() {
    return bodies.length;
  }

  public byte[] body(int i) {
    return bodies[i];
  }

  public String signature(int i) {
    return signatures[i];
  }

  /** The {@code I-Twilio-Idempotency-Token} Twilio sends with every delivery: one per webhook, a UUID. */
  public String idempotencyToken(int i) {
    return idempotencyTokens[i];
  }

  public String type(int i) {
    return types[i];
  }

  /** Mean body size in bytes. */
  public double meanBodyBytes() {
    long total = 0;
    for (byte[] body : bodies) {
      total += body.length;
    }
    return bodies.length == 0 ? 0 : (double) total / bodies.length;
  }
}
