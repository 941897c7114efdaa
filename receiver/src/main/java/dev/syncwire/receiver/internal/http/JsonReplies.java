package dev.syncwire.receiver.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.fixtures.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes JSON answers; the only place that turns a {@link ApiError} into bytes. */
final class JsonReplies {
  static final JsonFactory JSON = new JsonFactory();
  /** Encoded once: every answer carries them. */
  private static final HttpField JSON_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
  private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

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
    response.getHeaders().put(JSON_TYPE).put(NO_STORE);
    response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
  }

  /** Sends {@code json} (already UTF-8) with the headers of every JSON answer, then completes {@code callback}. */
  static void send(Response response, int status, byte[] json, Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(JSON_TYPE).put(NO_STORE);
    response.write(true, ByteBuffer.wrap(json), callback);
  }

  /**
   * The 200 answer to an accepted (or duplicate) webhook: {@code {"status":200,"id":12,
   * "result":"accepted","eventType":...,"canonicalType":...,"signature":"valid"}}, plus
   * {@code "duplicateOf"} after {@code "result"} for a duplicate. Written by hand, the same bytes
   * as {@link #acceptedWithJackson}, which stays the fallback for text that would need escaping.
   */
  static byte[] accepted(SyncEvent event) {
    String eventType = event.eventType();
    if (event.canonicalType() == null || !plain(eventType)) {
      return acceptedWithJackson(event);
    }
    StringBuilder sb = new StringBuilder(160)
        .append("{\"status\":200,\"id\":").append(event.id())
        .append(",\"result\":\"").append(event.status().wireName()).append('"');
    if (event.duplicateOf() != null) {
      sb.append(",\"duplicateOf\":").append(event.duplicateOf().longValue());
    }
    sb.append(",\"eventType\":\"").append(eventType)
        .append("\",\"canonicalType\":\"").append(event.canonicalType().wireName())
        .append("\",\"signature\":\"").append(event.signature().wireName()).append("\"}");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] acceptedWithJackson(SyncEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("status", 200);
      g.writeNumberField("id", event.id());
      g.writeStringField("result", event.status().wireName());
      if (event.duplicateOf() != null) {
        g.writeNumberField("duplicateOf", event.duplicateOf());
      }
      g.writeStringField("eventType", event.eventType());
      g.writeStringField("canonicalType", event.canonicalType() == null ? null : event.canonicalType().wireName());
      g.writeStringField("signature", event.signature().wireName());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Printable ASCII without quote or backslash: what JSON writes as it is. */
  private static boolean plain(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** Most a rejection reads of a body it did not need before it gives up on the connection instead. */
  private static final int UNREAD_BODY_LIMIT = 64 * 1024;

  /**
   * Rejects a request whose body may still be on its way: the body is read if it has arrived, else the answer
   * says {@code Connection: close}. Without this Jetty closes the connection after an answer that promised
   * keep-alive, and a client that reuses it fails with no answer at all.
   */
  static void rejectUnread(Request request, Response response, ApiError rejection, Callback callback) {
    if (!consumeArrivedBody(request)) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    reject(response, rejection, null, callback);
  }

  /** True if the whole body was read (or there was none) without waiting for more to arrive. */
  private static boolean consumeArrivedBody(Request request) {
    long read = 0;
    while (read <= UNREAD_BODY_LIMIT) {
      Content.Chunk chunk = request.read();
      if (chunk == null || Content.Chunk.isFailure(chunk)) {
        return false;
      }
      read += chunk.remaining();
      chunk.release();
      if (chunk.isLast()) {
        return true;
      }
    }
    return false;
  }

  static void reject(Response response, ApiError rejection, Long recordedId, Callback callback) {
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
