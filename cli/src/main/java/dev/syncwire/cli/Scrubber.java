package dev.syncwire.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.WireParam;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the personal and account-specific values out of captured webhook parameters, the same way
 * for every event of a run, so fixtures keep their relations (one map's events still name one map):
 * <ul>
 *   <li>every SID anywhere in a value (two capital letters and 32 hex digits: {@code AccountSid},
 *       {@code MapSid}, a SID inside a unique name or data) becomes the same prefix and the first 32
 *       hex digits of SHA-256 of the original;</li>
 *   <li>{@code Identity} becomes {@code identity-1}, {@code identity-2}, ... ({@code system} stays: it
 *       means a REST-made change); {@code EndpointId} becomes {@code endpoint-1}, ...;</li>
 *   <li>in {@code *Data} (JSON) string values, and in {@code ItemKey} and unique names: a value equal to
 *       a scrubbed identity or endpoint id gets its replacement, an e-mail address becomes
 *       {@code person-N@example.com}, a phone number becomes {@code +1555010NNNN}.</li>
 * </ul>
 */
final class Scrubber {
  private static final Pattern SID = Pattern.compile("(?<![A-Za-z0-9])([A-Z]{2})([0-9a-fA-F]{32})(?![A-Za-z0-9])");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
  /** E.164-style with a leading +, or a North American 3-3-4 grouping; dates and times never match. */
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9 ().-]{6,18}[0-9]|\\(?[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}");
  private static final Set<String> DATA_PARAMS = Set.of(WireParam.DOCUMENT_DATA, WireParam.ITEM_DATA,
      WireParam.MESSAGE_DATA, WireParam.SEED_DATA);
  private static final Set<String> NAME_PARAMS = Set.of(WireParam.ITEM_KEY, "DocumentUniqueName", "ListUniqueName",
      "MapUniqueName", "StreamUniqueName", WireParam.SEED_UNIQUE_NAME);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Original value to replacement, per kind; what a run has replaced so far. */
  final Map<String, String> sids = new HashMap<>();
  final Map<String, String> people = new HashMap<>();
  int identities;
  int endpoints;
  int emails;
  int phones;

  FormParams scrub(FormParams params) {
    List<FormParams.Param> out = new ArrayList<>(params.size());
    for (FormParams.Param p : params.asList()) {
      String value = p.value();
      if (p.name().equals(WireParam.IDENTITY) && !value.equals("system")) {
        value = person(value, "identity");
      } else if (p.name().equals(WireParam.ENDPOINT_ID)) {
        value = person(value, "endpoint");
      }
      out.add(new FormParams.Param(p.name(), value));
    }
    // second pass: names and data may repeat an identity that comes later in the same webhook
    for (int i = 0; i < out.size(); i++) {
      FormParams.Param p = out.get(i);
      String value = p.value();
      if (DATA_PARAMS.contains(p.name())) {
        value = scrubJson(value);
      } else if (NAME_PARAMS.contains(p.name())) {
        value = scrubText(value);
      }
      out.set(i, new FormParams.Param(p.name(), replaceSids(value)));
    }
    return FormParams.of(out);
  }

  private String person(String value, String kind) {
    return people.computeIfAbsent(value, v -> kind + "-" + (kind.equals("identity") ? ++identities : ++endpoints));
  }

  /** A whole value that is someone's identity, e-mail address or phone number, replaced; else the value. */
  private String scrubText(String value) {
    String known = people.get(value);
    if (known != null) {
      return known;
    }
    if (EMAIL.matcher(value).matches() || PHONE.matcher(value).matches()) {
      boolean email = value.contains("@");
      return people.computeIfAbsent(value, v -> email ? "person-" + ++emails + "@example.com"
          : String.format("+1555010%04d", ++phones));
    }
    return value;
  }

  private String scrubJson(String text) {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (IOException e) {
      return text; // not JSON: left as it is, verify will say so
    }
    if (tree == null || !scrubNode(tree)) {
      return text; // nothing personal: the text as Twilio sent it
    }
    try {
      return JSON.writeValueAsString(tree);
    } catch (IOException e) {
      throw new IllegalStateException("a tree just read could not be written: " + e.getMessage(), e);
    }
  }

  /** Replaces personal string values inside {@code node}; true when it changed any. */
  private boolean scrubNode(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isTextual()) {
          String scrubbed = scrubText(field.getValue().asText());
          if (!scrubbed.equals(field.getValue().asText())) {
            field.setValue(TextNode.valueOf(scrubbed));
            changed = true;
          }
        } else {
          changed |= scrubNode(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          String scrubbed = scrubText(array.get(i).asText());
          if (!scrubbed.equals(array.get(i).asText())) {
            array.set(i, TextNode.valueOf(scrubbed));
            changed = true;
          }
        } else {
          changed |= scrubNode(array.get(i));
        }
      }
    }
    return changed;
  }

  private String replaceSids(String value) {
    Matcher m = SID.matcher(value);
    if (!m.find()) {
      return value;
    }
    StringBuilder sb = new StringBuilder();
    do {
      m.appendReplacement(sb, sids.computeIfAbsent(m.group(), Scrubber::replacementSid));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }

  /** The prefix kept, the 32 hex digits from SHA-256 of the whole original: the same in every run. */
  static String replacementSid(String sid) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(("syncwire fixtures " + sid).getBytes(StandardCharsets.UTF_8));
      return sid.substring(0, 2) + HexFormat.of().formatHex(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
