package dev.syncwire.receiver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.syncwire.fixtures.SyncEventJson;
import dev.syncwire.fixtures.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes JSON answers; the only place that turns a {@link WebhookRejection} into bytes. */
final class JsonReplies {
  static final JsonFactory JSON = new JsonFactory();

  private JsonReplies() {}

  /** Writes JSON with {@code body}, then completes {@code callback}. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static void send(Response response, int status, Body body, Callback callback) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
  }

  static void reject(Response response, WebhookRejection rejection, Long recordedId, Callback callback) {
    send(response, rejection.status(), g -> {
      Violation first = rejection.first();
      g.writeStartObject();
      g.writeNumberField("status", rejection.status());
      g.writeStringField("error", rejection.error());
      g.writeStringField("field", first.field());
      g.writeStringField("message", first.message());
      g.writeArrayFieldStart("errors");
      for (Violation v : rejection.violations()) {
        SyncEventJson.writeViolation(g, v);
      }
      g.writeEndArray();
      if (recordedId != null) {
        g.writeNumberField("id", recordedId);
      }
      g.writeEndObject();
    }, callback);
  }
}
