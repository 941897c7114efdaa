package dev.syncwire.receiver.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.FormParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a webhook body, form-encoded (what Twilio sends) or JSON (what some tools send), into parameters. */
final class WebhookBody {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WebhookBody() {}

  static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  static boolean isForm(String contentType) {
    return contentType == null
        || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  /**
   * The body's parameters. A {@code charset} other than UTF-8 is a 415: Twilio sends UTF-8 (and
   * says so, {@code charset=UTF-8}), JSON is UTF-8 by definition, and a body in another charset
   * would be read as the wrong text, not rejected, if it went on.
   */
  static FormParams parse(String contentType, byte[] body) {
    if (isJson(contentType)) {
      checkCharset(contentType);
      return fromJson(body);
    }
    if (isForm(contentType)) {
      checkCharset(contentType);
      return FormParams.parse(body);
    }
    throw ApiError.of(415, "unsupported_media_type", "Content-Type", "media_type", contentType,
        "Content-Type must be application/x-www-form-urlencoded (what Twilio sends) or application/json; received '"
            + contentType + "'");
  }

  /** Rejects a {@code charset} parameter that does not name UTF-8; none at all means UTF-8. */
  private static void checkCharset(String contentType) {
    int value = charsetValue(contentType);
    if (value < 0 || isUtf8(contentType, value)) {
      return;
    }
    String charset = charset(contentType);
    throw ApiError.of(415, "unsupported_media_type", "Content-Type", "charset", contentType,
        "Content-Type names charset '" + charset + "', but webhook bodies are read as UTF-8, which is what Twilio sends"
            + " (charset=UTF-8); send the body UTF-8 encoded, with charset=UTF-8 or no charset; received '"
            + contentType + "'");
  }

  /**
   * Where the value of the {@code charset} parameter starts in a media type, or -1 when there is
   * none. No copies: it runs on every webhook.
   */
  private static int charsetValue(String contentType) {
    if (contentType == null) {
      return -1;
    }
    int at = contentType.indexOf(';');
    while (at >= 0) {
      int name = at + 1;
      while (name < contentType.length() && contentType.charAt(name) == ' ') {
        name++;
      }
      if (contentType.regionMatches(true, name, "charset", 0, 7)) {
        int eq = name + 7;
        while (eq < contentType.length() && contentType.charAt(eq) == ' ') {
          eq++;
        }
        if (eq < contentType.length() && contentType.charAt(eq) == '=') {
          int value = eq + 1;
          while (value < contentType.length() && contentType.charAt(value) == ' ') {
            value++;
          }
          return value;
        }
      }
      at = contentType.indexOf(';', at + 1);
    }
    return -1;
  }

  /** True when the charset value at {@code from} is UTF-8 (or UTF8), in any case, quoted or not. */
  private static boolean isUtf8(String contentType, int from) {
    boolean quoted = from < contentType.length() && contentType.charAt(from) == '"';
    int start = quoted ? from + 1 : from;
    int length = contentType.regionMatches(true, start, "UTF-8", 0, 5) ? 5
        : contentType.regionMatches(true, start, "UTF8", 0, 4) ? 4 : -1;
    if (length < 0) {
      return false;
    }
    int end = start + length;
    if (quoted) {
      if (end >= contentType.length() || contentType.charAt(end) != '"') {
        return false;
      }
      end++;
    }
    while (end < contentType.length() && contentType.charAt(end) == ' ') {
      end++;
    }
    return end == contentType.length() || contentType.charAt(end) == ';';
  }

  /** The value of the {@code charset} parameter of a media type (quotes taken off), or null. */
  static String charset(String contentType) {
    int value = charsetValue(contentType);
    if (value < 0) {
      return null;
    }
    int end = contentType.indexOf(';', value);
    String text = contentType.substring(value, end < 0 ? contentType.length() : end).trim();
    if (text.length() >= 2 && text.charAt(0) == '"' && text.charAt(text.length() - 1) == '"') {
      text = text.substring(1, text.length() - 1);
    }
    return text;
  }

  /**
   * A JSON object's fields as parameters: strings as they are, numbers and booleans as text, the
   * objects and arrays of {@code *Data} parameters as JSON text (an object or array anywhere else
   * is a 400 naming the parameter). Read as a stream, not a tree, so a key that is there twice is kept
   * twice (a tree keeps the last) and the contract check reports it like a repeated form parameter.
   */
  static FormParams fromJson(byte[] body) {
    List<FormParams.Param> params = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        notAnObject(body);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        JsonNode v = parser.readValueAsTree();
        if (v == null || v.isNull()) {
          continue;
        }
        if (!v.isValueNode() && !name.endsWith("Data")) {
          String text = v.toString();
          throw ApiError.of(400, "invalid_webhook", name, "scalar",
              text.length() <= 120 ? text : text.substring(0, 120) + "...",
              name + " must be a string or a number in a JSON body (only the *Data parameters hold JSON);"
                  + " received " + (v.isArray() ? "an array" : "an object"));
        }
        params.add(new FormParams.Param(name, v.isValueNode() ? v.asText() : v.toString()));
      }
    } catch (IOException e) {
      throw doesNotParse(body, e);
    }
    return FormParams.of(params);
  }

  /** Whatever is not an object: as reading it as a tree said before (what kind it is, or why it does not parse). */
  private static void notAnObject(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw doesNotParse(body, e);
    }
    throw ApiError.of(400, "invalid_webhook", "body", "json_object",
        root == null ? "" : root.getNodeType().name().toLowerCase(Locale.ROOT),
        "the JSON body must be an object of webhook parameters such as {\"EventType\":\"document_updated\",...}");
  }

  private static ApiError doesNotParse(byte[] body, IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int cut = message.indexOf('\n');
    return ApiError.of(400, "invalid_webhook", "body", "json",
        new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8),
        "the JSON body does not parse (" + (cut < 0 ? message : message.substring(0, cut))
            + "); send a JSON object of webhook parameters, or a form-encoded body");
  }
}
