package dev.syncwire.receiver.internal.forward;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to send an event on to the user's handler, as the event's JSON lists it under
 * {@code forwards}:
 * {@code {"url":"http://127.0.0.1:3000/sync","status":200,"latencyMs":12,"responseBody":"ok","error":null,
 * "at":"2026-12-05T12:00:00.123Z","replay":false,"signed":true}}.
 *
 * @param url exactly the URL that was signed and sent to
 * @param status the handler's HTTP status, or null when there was no answer (then {@code error} says why)
 * @param responseBody the first {@link #MAX_BODY_BYTES} bytes of the answer as UTF-8 text, or null
 * @param error a short sentence ({@code connection refused}), or null when the handler answered
 * @param replay true for an attempt made by {@code POST /api/events/{id}/replay}
 * @param signed false when the receiver has no auth token and sent no {@code X-Twilio-Signature}
 */
public record Forward(String url, Integer status, long latencyMs, String responseBody, String error, Instant at,
    boolean replay, boolean signed) {
  /** How much of a handler's answer is kept. */
  public static final int MAX_BODY_BYTES = 4096;

  public Forward {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(at, "at");
  }

  /** An attempt that got no HTTP answer. */
  static Forward failed(String url, long latencyMs, String error, Instant at, boolean replay, boolean signed) {
    return new Forward(url, null, latencyMs, null, error, at, replay, signed);
  }

  /** True when the handler answered 2xx. */
  public boolean delivered() {
    return status != null && status >= 200 && status < 300;
  }

  public void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("url", url);
    if (status == null) {
      g.writeNullField("status");
    } else {
      g.writeNumberField("status", status);
    }
    g.writeNumberField("latencyMs", latencyMs);
    g.writeStringField("responseBody", responseBody);
    g.writeStringField("error", error);
    g.writeStringField("at", at.toString());
    g.writeBooleanField("replay", replay);
    g.writeBooleanField("signed", signed);
    g.writeEndObject();
  }

  /** Reads what {@link #write} wrote; throws {@link IllegalArgumentException} naming what is missing. */
  public static Forward read(JsonNode node) {
    if (!node.isObject() || !node.hasNonNull("url") || !node.hasNonNull("at")) {
      throw new IllegalArgumentException("not a forward attempt: it needs at least \"url\" and \"at\"");
    }
    return new Forward(node.get("url").asText(), node.hasNonNull("status") ? node.get("status").asInt() : null,
        node.path("latencyMs").asLong(), node.hasNonNull("responseBody") ? node.get("responseBody").asText() : null,
        node.hasNonNull("error") ? node.get("error").asText() : null, Instant.parse(node.get("at").asText()),
        node.path("replay").asBoolean(false), node.path("signed").asBoolean(false));
  }
}
