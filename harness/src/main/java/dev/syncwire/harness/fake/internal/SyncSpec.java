package dev.syncwire.harness.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twilio's OpenAPI description of Sync v1, as bundled with the harness (unchanged, Apache-2.0:
 * see {@code twilio_sync_v1.NOTICE.txt} beside it): its operations and the fields each answers with.
 */
public final class SyncSpec {
  /** The bundled file, as a class-path resource. */
  public static final String RESOURCE = "/dev/syncwire/harness/fake/internal/twilio_sync_v1.json";

  /**
   * One operation: method, path template as the spec writes it, operationId, the status it
   * succeeds with, and the response fields, nested ones as {@code meta.page} or
   * {@code documents[].sid}.
   */
  public record Operation(String method, String path, String operationId, int status, List<String> fields) {
    /** {@code GET /v1/Services/{Sid}}. */
    public String name() {
      return method + " " + path;
    }
  }

  private final String text;
  private final JsonNode root;

  private SyncSpec(String text, JsonNode root) {
    this.text = text;
    this.root = root;
  }

  /** The spec bundled with the harness. */
  public static SyncSpec bundled() {
    try (InputStream in = SyncSpec.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: the harness jar is incomplete");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new SyncSpec(text, new ObjectMapper().readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The file's text, as bundled. */
  public String text() {
    return text;
  }

  /** The parsed document. */
  public JsonNode json() {
    return root;
  }

  /** {@code Twilio - Sync 1.0.0}: the spec's title and version. */
  public String title() {
    return root.path("info").path("title").asText() + " " + root.path("info").path("version").asText();
  }

  /** Every GET, POST and DELETE of every path, in the spec's order. */
  public List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        if (!List.of("get", "post", "delete").contains(method.getKey())) {
          continue;
        }
        JsonNode responses = method.getValue().path("responses");
        String status = responses.fieldNames().next();
        List<String> fields = new ArrayList<>();
        JsonNode schema = responses.path(status).path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
          collectFields(resolve(schema), "", fields);
        }
        operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
            method.getValue().path("operationId").asText(), Integer.parseInt(status), List.copyOf(fields)));
      }
    }
    return operations;
  }

  /** The properties of {@code schema}, and of the objects and arrays of objects it holds, as dotted names. */
  private void collectFields(JsonNode schema, String prefix, List<String> fields) {
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      String name = prefix + property.getKey();
      JsonNode value = resolve(property.getValue());
      if ("array".equals(value.path("type").asText()) && resolve(value.path("items")).has("properties")) {
        collectFields(resolve(value.path("items")), name + "[].", fields);
      } else if (value.has("properties")) {
        collectFields(value, name + ".", fields);
      } else {
        fields.add(name);
      }
    }
  }

  /** Follows {@code $ref}s to {@code #/components/schemas/...}. */
  public JsonNode resolve(JsonNode node) {
    while (node != null && node.has("$ref")) {
      String ref = node.get("$ref").asText().substring("#/components/schemas/".length());
      node = root.path("components").path("schemas").path(ref);
    }
    return node;
  }
}
