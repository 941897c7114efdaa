package dev.syncwire.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.FormParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  static FormParams parse(String contentType, byte[] body) {
    if (isJson(contentType)) {
      return fromJson(body);
    }
    if (isForm(contentType)) {
      return FormParams.parse(body);
    }
    throw WebhookRejection.of(415, "unsupported_media_type", "Content-Type", "media_type", contentType,
        "Content-Type must be application/x-www-form-urlencoded (what Twilio sends) or application/json; received '"
            + contentType + "'");
  }

  /** A JSON object's fields as parameters: strings as they are, numbers and booleans as text, objects and arrays as JSON text. */
  static FormParams fromJson(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      int cut = message.indexOf('\n');
      throw WebhookRejection.of(400, "invalid_webhook", "body", "json",
          new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8),
          "the JSON body does not parse (" + (cut < 0 ? message : message.substring(0, cut))
              + "); send a JSON object of webhook parameters, or a form-encoded body");
    }
    if (root == null || !root.isObject()) {
      throw WebhookRejection.of(400, "invalid_webhook", "body", "json_object",
          root == null ? "" : root.getNodeType().name().toLowerCase(Locale.ROOT),
          "the JSON body must be an object of webhook parameters such as {\"EventType\":\"document_updated\",...}");
    }
    List<FormParams.Param> params = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      if (v.isNull()) {
        continue;
      }
      params.add(new FormParams.Param(f.getKey(), v.isValueNode() ? v.asText() : v.toString()));
    }
    return FormParams.of(params);
  }
}
