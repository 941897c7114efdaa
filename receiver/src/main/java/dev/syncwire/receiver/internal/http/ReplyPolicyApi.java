package dev.syncwire.receiver.internal.http;

import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.ReplyPolicy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/reply-policy} (add a rule), {@code GET} (list them), {@code DELETE} (clear):
 * {@link ReplyPolicy} over HTTP. A rule in: {@code {"status":500,"body":"...","delay":"PT2S",
 * "drop":false,"times":1,"type":"map_item_added","object":"user-presence","key":"user-123"}},
 * every field optional but one of status, delay, drop; no {@code times} is always.
 */
public final class ReplyPolicyApi {
  private static final int MAX_BODY = 64 * 1024;
  private static final String SHAPE = "a reply rule {status, body, delay, drop, times, type, object, key}";
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  /** The JSON a rule is posted as; boxed so a missing field is told from a zero. */
  record RuleRequest(Integer status, String body, String delay, Boolean drop, Integer times, String type,
      String object, String key) {}

  private final ReplyPolicy policy;

  public ReplyPolicyApi(ReplyPolicy policy) {
    this.policy = policy;
  }

  void handle(Request request, Response response, Callback callback) {
    EventsApi.requireNoParameters(request);
    String method = request.getMethod();
    if (HttpMethod.POST.is(method)) {
      ReplyPolicy.Rule rule = add(read(request));
      JsonReplies.send(response, 201, g -> write(rule, g), callback);
    } else if (HttpMethod.DELETE.is(method)) {
      int cleared = policy.clear();
      JsonReplies.send(response, 200, g -> {
        g.writeStartObject();
        g.writeNumberField("cleared", cleared);
        g.writeEndObject();
      }, callback);
    } else {
      List<ReplyPolicy.Rule> rules = policy.rules();
      JsonReplies.send(response, 200, g -> {
        g.writeStartObject();
        g.writeArrayFieldStart("rules");
        for (ReplyPolicy.Rule rule : rules) {
          write(rule, g);
        }
        g.writeEndArray();
        g.writeEndObject();
      }, callback);
    }
  }

  private static RuleRequest read(Request request) {
    byte[] body;
    try {
      body = Content.Source.asByteArrayAsync(request, MAX_BODY).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw invalid("body", "readable", null, "the body could not be read (over " + MAX_BODY
          + " bytes, or it stalled); send " + SHAPE + " as a JSON object");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw invalid("body", "readable", null, "the receiver is stopping; the rule was not added");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw invalid("body", "json_object", "", "the body is empty; send " + SHAPE
          + " as a JSON object with Content-Type: application/json");
    }
    try {
      return STRICT.readValue(body, RuleRequest.class);
    } catch (UnrecognizedPropertyException e) {
      TreeSet<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      throw invalid(e.getPropertyName(), "unknown_field", e.getPropertyName(), e.getPropertyName()
          + " is not a field of " + SHAPE + "; known fields: " + String.join(", ", known));
    } catch (StreamReadException e) {
      String excerpt = text.length() > 80 ? text.substring(0, 80) + "..." : text;
      throw invalid("body", "json", excerpt, "the body is not JSON (" + e.getOriginalMessage() + "); send " + SHAPE);
    } catch (JsonMappingException e) {
      String field = e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? "body"
          : e.getPath().get(0).getFieldName();
      String received = null;
      if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p) {
        try {
          received = p.currentToken() == null || p.currentToken().isStructStart() ? null : p.getText();
        } catch (IOException ignored) {
          // no text to show
        }
      }
      throw invalid(field, "type", received, field.equals("body") ? "the body must be " + SHAPE + " as a JSON object"
          : field + " has the wrong type: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw invalid("body", "json", null, "the body could not be read: " + e.getMessage());
    }
  }

  /** Checks every field, then arms the rule; all broken rules are answered at once. */
  private ReplyPolicy.Rule add(RuleRequest r) {
    List<Violation> errors = new ArrayList<>();
    if (r.status() != null && (r.status() < 200 || r.status() > 599)) {
      errors.add(new Violation("status", "range", String.valueOf(r.status()),
          "status must be from 200 to 599 (such as 500 or 503); got " + r.status()));
    }
    Duration delay = null;
    if (r.delay() != null) {
      try {
        delay = Duration.parse(r.delay());
        if (delay.isNegative()) {
          errors.add(new Violation("delay", "not_negative", r.delay(), "delay must be zero or more; got " + r.delay()));
        }
      } catch (DateTimeParseException e) {
        errors.add(new Violation("delay", "iso_duration", r.delay(),
            "delay must be an ISO-8601 duration such as PT2S or PT0.5S; got \"" + r.delay() + "\""));
      }
    }
    boolean drop = Boolean.TRUE.equals(r.drop());
    if (drop && (r.status() != null || r.body() != null)) {
      errors.add(new Violation(r.status() != null ? "status" : "body", "not_with_drop",
          r.status() != null ? String.valueOf(r.status()) : r.body(),
          "a rule that drops the connection answers nothing; leave out status and body, or drop"));
    }
    if (r.body() != null && r.status() == null && !drop) {
      errors.add(new Violation("status", "required_with_body", null,
          "a body needs the status to answer it with, such as \"status\":500"));
    }
    if (r.status() == null && !drop && (delay == null || delay.isZero()) && r.body() == null) {
      errors.add(new Violation("status", "status_delay_or_drop", null,
          "a reply rule needs a status (such as 500), a delay (such as PT2S) or \"drop\":true; got none"));
    }
    if (r.times() != null && r.times() < 1) {
      errors.add(new Violation("times", "at_least_1", String.valueOf(r.times()),
          "times must be 1 or more (leave it out for always; DELETE /api/reply-policy to stop); got " + r.times()));
    }
    if (r.type() != null && EventType.fromWireName(r.type()).isEmpty()) {
      errors.add(new Violation("type", "known_event_type", r.type(), "type '" + r.type()
          + "' is not a Sync event type; use one of " + String.join(", ", new TreeSet<>(EventType.knownNames()))));
    }
    for (String[] field : new String[][] {{"object", r.object()}, {"key", r.key()}, {"type", r.type()}}) {
      if (field[1] != null && field[1].isEmpty()) {
        errors.add(new Violation(field[0], "not_empty", "", field[0] + " is empty; leave it out to match any"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiError(400, "invalid_reply_rule", errors);
    }
    EventQuery filter = EventQuery.all();
    filter = r.type() == null ? filter : filter.type(r.type());
    filter = r.object() == null ? filter : filter.object(r.object());
    filter = r.key() == null ? filter : filter.key(r.key());
    ReplyPolicy.Rule rule = policy.when(filter);
    if (drop) {
      rule.drop();
    }
    if (r.status() != null) {
      rule.status(r.status(), r.body());
    }
    if (delay != null) {
      rule.delay(delay);
    }
    return r.times() == null ? rule.always() : rule.times(r.times());
  }

  /** {@code {"id":"r1","type":...,"status":500,"body":null,"delay":"PT0S","drop":false,"times":1,"remaining":1}}. */
  private static void write(ReplyPolicy.Rule rule, JsonGenerator g) throws IOException {
    EventQuery f = rule.filter();
    g.writeStartObject();
    g.writeStringField("id", rule.id());
    g.writeStringField("type", f.type());
    g.writeStringField("object", f.object());
    g.writeStringField("key", f.key());
    if (f.index() != null) {
      g.writeNumberField("index", f.index());
    }
    if (f.status() != null) {
      g.writeStringField("eventStatus", f.status().wireName());
    }
    g.writeNumberField("status", rule.status());
    g.writeStringField("body", rule.body());
    g.writeStringField("delay", rule.delay().toString());
    g.writeBooleanField("drop", rule.drops());
    if (rule.times().isPresent()) {
      g.writeNumberField("times", rule.times().getAsInt());
      g.writeNumberField("remaining", rule.remaining().orElse(0));
    } else {
      g.writeNullField("times");
      g.writeNullField("remaining");
    }
    g.writeStringField("description", rule.toString());
    g.writeEndObject();
  }

  private static ApiError invalid(String field, String rule, String received, String message) {
    return ApiError.of(400, "invalid_reply_rule", field, rule, received, message);
  }
}
