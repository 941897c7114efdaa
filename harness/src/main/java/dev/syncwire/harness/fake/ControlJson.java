package dev.syncwire.harness.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.syncwire.fixtures.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON in and out of the control API. Bodies are read strictly into records (unknown fields,
 * wrong types, floats for integers and trailing text are refused), and every Jackson failure
 * becomes a {@link ControlError} naming the field path ({@code services[0].sid}), the rule and
 * what was received.
 */
final class ControlJson {
  static final ObjectMapper MAPPER = strictMapper();
  private static final int EXCERPT = 80;

  private ControlJson() {}

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // {"advance":"PT5M","advance":"PT1M"} is refused, not the last kept
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    // "5" is not 5, and 5 is not "5": a client that sends the wrong type hears so.
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
    return mapper;
  }

  /** Reads a JSON object body into {@code type}; {@code what} names the body in messages ("a fault rule"). */
  static <T> T read(byte[] body, Class<T> type, String what) {
    if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
      throw ControlError.invalid("body", "json_object", "",
          "the body is empty; send " + what + " as a JSON object with Content-Type: application/json");
    }
    T value;
    try {
      value = MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw ControlError.invalid(List.of(violation(e, body, what)));
    }
    if (value == null) { // the body was the JSON literal null
      throw ControlError.invalid("body", "json_object", "null", "the body is null; send " + what + " as a JSON object");
    }
    return value;
  }

  /** The broken rule behind a Jackson failure. */
  static Violation violation(IOException e, byte[] body, String what) {
    // Databind wraps the parser's own failures (with a path); the cause says what broke.
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InputCoercionException c) {
        String field = orBody(contextPath(c.getProcessor() == null ? null : c.getProcessor().getParsingContext()));
        String received = parserText(c.getProcessor());
        boolean isInt = c.getTargetType() == Integer.TYPE || c.getTargetType() == Integer.class;
        return new Violation(field, "out_of_range", received, field + " is out of range: it must be a whole number from "
            + (isInt ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " + Long.MAX_VALUE)
            + " (and within the field's own rule); got " + received);
      }
      if (t instanceof StreamReadException r && r.getOriginalMessage() != null
          && r.getOriginalMessage().startsWith("Duplicate field")) {
        JsonStreamContext context = r.getProcessor() == null ? null : r.getProcessor().getParsingContext();
        String field = orBody(contextPath(context));
        String name = context == null ? null : context.getCurrentName();
        return new Violation(field, "single_value", name, field + " appears twice in " + what
            + "; give each field once (JSON readers disagree on which copy wins)");
      }
    }
    if (e instanceof UnrecognizedPropertyException u) {
      String field = path(u);
      TreeSet<String> known = new TreeSet<>();
      for (Object id : u.getKnownPropertyIds()) {
        known.add(String.valueOf(id));
      }
      return new Violation(field, "unknown_field", u.getPropertyName(), field + " is not a field of " + what
          + (field.contains(".") || field.contains("[") ? " (at this level)" : "") + "; known fields: " + String.join(", ", known));
    }
    if (e instanceof InvalidFormatException f) {
      String field = orBody(path(f));
      String received = f.getValue() == null ? null : String.valueOf(f.getValue());
      return new Violation(field, "type", received,
          field + " must be " + describe(f.getTargetType()) + "; got " + quote(received));
    }
    if (e instanceof MismatchedInputException m) {
      String field = orBody(path(m));
      String received = currentText(m);
      String expected = describe(m.getTargetType());
      return new Violation(field, "type", received, (field.equals("body") ? "the body" : field) + " must be "
          + (field.equals("body") ? what + " as a JSON object" : expected) + "; got " + quote(received));
    }
    if (e instanceof StreamReadException) {
      String text = new String(body, StandardCharsets.UTF_8);
      String received = text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
      String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      return new Violation("body", "json", received, "the body is not JSON (" + reason + "); send " + what
          + " as a JSON object with Content-Type: application/json");
    }
    if (e instanceof JsonMappingException m) {
      String field = orBody(path(m));
      return new Violation(field, "json_shape", currentText(m), field + " does not fit " + what + ": "
          + m.getOriginalMessage());
    }
    return new Violation("body", "json", null, "the body could not be read: " + e.getMessage());
  }

  /** {@code services[0].sid} from Jackson's path. */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** {@code services[0].aclEnabled} from the parser's position, for failures that carry no databind path. */
  private static String contextPath(JsonStreamContext context) {
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        sb.insert(0, "." + c.getCurrentName());
      } else if (c.inArray()) {
        sb.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }

  private static String parserText(Object processor) {
    try {
      return processor instanceof JsonParser p ? p.getText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String orBody(String field) {
    return field.isEmpty() ? "body" : field;
  }

  private static String currentText(JsonMappingException e) {
    if (e.getProcessor() instanceof JsonParser parser) {
      try {
        if (parser.currentToken() == null) {
          return null;
        }
        return switch (parser.currentToken()) {
          case START_OBJECT -> "{...}";
          case START_ARRAY -> "[...]";
          case VALUE_NULL -> null;
          default -> parser.getText();
        };
      } catch (IOException | RuntimeException ignored) {
        return null;
      }
    }
    return null;
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type == JsonNode.class) {
      return "JSON";
    }
    return "an object";
  }

  static String quote(String received) {
    return received == null ? "nothing (null or missing)" : "\"" + received + "\"";
  }

  // ---- values inside the JSON ----

  /** An ISO-8601 duration such as PT5M; null stays null. */
  static Duration duration(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      if (e.getCause() instanceof ArithmeticException) { // well formed, but more than a long of seconds
        throw ControlError.invalid(field, "out_of_range", value, field + " is out of range: " + quote(value)
            + " is a duration, but longer than any the fake can use (about 292 billion years); use a shorter one such as PT5M");
      }
      throw ControlError.invalid(field, "iso_duration", value,
          field + " must be an ISO-8601 duration such as PT5M, PT0.5S or P1D; got " + quote(value));
    }
  }

  /** A duration that must not be negative. */
  static Duration nonNegativeDuration(String field, String value) {
    Duration d = duration(field, value);
    if (d != null && d.isNegative()) {
      throw ControlError.invalid(field, "non_negative", value, field + " cannot be negative; got " + quote(value));
    }
    return d;
  }

  /** An ISO-8601 instant such as 2026-06-01T12:00:00Z; null stays null. */
  static Instant instant(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ControlError.invalid(field, "iso_instant", value,
          field + " must be an ISO-8601 UTC instant such as 2026-06-01T12:00:00Z; got " + quote(value));
    }
  }

  // ---- out ----

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a control answer as JSON failed", e);
    }
  }

  static byte[] error(ControlError e) {
    return Json.bytes(g -> {
      Violation first = e.violations().get(0);
      g.writeStartObject();
      g.writeNumberField("status", e.status());
      g.writeStringField("error", e.error());
      g.writeStringField("field", first.field());
      g.writeStringField("message", first.message());
      g.writeArrayFieldStart("errors");
      for (Violation v : e.violations()) {
        writeViolation(g, v);
      }
      g.writeEndArray();
      if (e.pending() != null) {
        g.writeFieldName("pending");
        MAPPER.writeValue(g, DeliveryJson.all(e.pending()));
      }
      g.writeEndObject();
    });
  }

  private static void writeViolation(JsonGenerator g, Violation v) throws IOException {
    g.writeStartObject();
    g.writeStringField("field", v.field());
    g.writeStringField("rule", v.rule());
    g.writeStringField("received", v.received());
    g.writeStringField("message", v.message());
    g.writeEndObject();
  }

  /** Ordered JSON objects for small answers. */
  static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return out;
  }
}
