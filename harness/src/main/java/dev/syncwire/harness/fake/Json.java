package dev.syncwire.harness.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The fake's one ObjectMapper and Twilio's date format ({@code 2015-07-30T20:00:00Z}, no millis). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

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

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
