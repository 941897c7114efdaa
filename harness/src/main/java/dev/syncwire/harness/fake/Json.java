package dev.syncwire.harness.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The fake's one ObjectMapper and Twilio's date format ({@code 2015-07-30T20:00:00Z}, no millis). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Each thread reuses its own output buffers. */
  private static final ThreadLocal<BufferRecycler> BUFFERS = ThreadLocal.withInitial(BufferRecycler::new);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes JSON straight into a generator; {@link #bytes(Writer)} collects it. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  /** The UTF-8 bytes {@code writer} generates. */
  static byte[] bytes(Writer writer) {
    ByteArrayBuilder out = new ByteArrayBuilder(BUFFERS.get(), 1024);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    byte[] bytes = out.toByteArray();
    out.release();
    return bytes;
  }

  static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** The last date formatted: the fake's clock stands still, so a page of items repeats one second. */
  private static volatile FormattedSecond lastDate = new FormattedSecond(Long.MIN_VALUE, null);

  private record FormattedSecond(long epochSecond, String text) {}

  static String date(Instant instant) {
    if (instant == null) {
      return null;
    }
    FormattedSecond last = lastDate;
    if (last.epochSecond() == instant.getEpochSecond()) {
      return last.text();
    }
    String text = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    lastDate = new FormattedSecond(instant.getEpochSecond(), text);
    return text;
  }
}
