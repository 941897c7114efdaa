package dev.syncwire.receiver.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.internal.forward.Forwarder;
import dev.syncwire.receiver.internal.recording.EventStore;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/events/{id}/replay}: sends a recorded event again, to the forward target or the
 * body's {@code url}, its params changed by {@code params} (a null value removes one) and its
 * {@code *Data} param replaced by {@code data}, re-signed for that URL and carrying
 * {@code X-Syncwire-Replay-Of}. Answers the attempt once the handler answered (or the time-out
 * passed); the attempt is also added to the event's {@code forwards}.
 */
final class ReplayApi {
  private static final int MAX_BODY = 1 << 20;
  private static final String SHAPE = "{\"url\":\"http://...\",\"params\":{\"Name\":\"value or null\"},\"data\":{...}}"
      + " (every field optional)";
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** The body; {@code data} is any JSON, a JSON null included (then the data param is removed). */
  record ReplayRequest(String url, Map<String, String> params, JsonNode data) {}

  private final EventStore store;
  private final Forwarder forwarder;

  ReplayApi(EventStore store, Forwarder forwarder) {
    this.store = store;
    this.forwarder = forwarder;
  }

  void handle(Request request, String idText, Response response, Callback callback) {
    EventsApi.requireNoParameters(request, "POST /api/events/{id}/replay");
    long id = EventsApi.nonNegative("id", idText);
    SyncEvent event = store.get(id).orElseThrow(() -> ApiError.of(404, "not_found", "id", "exists", idText,
        "no event #" + idText + " is held in memory (" + store.size() + " held); replay an event GET /api/events lists"));
    ReplayRequest body = read(request);
    String url = url(body.url());
    FormParams params = params(event.params(), body);
    forwarder.replay(event, url, params).whenComplete((forward, failure) -> {
      if (failure != null) {
        JsonReplies.reject(response, ApiError.of(500, "internal_error", "replay", "recorded", null,
            "the replay was sent but could not be recorded (" + failure.getMessage() + "); see the receiver's log"),
            null, callback);
      } else {
        JsonReplies.send(response, 200, forward::write, callback);
      }
    });
  }

  /** The body's URL, checked; else the forward target; else a 409 naming --forward-to. */
  private String url(String given) {
    if (given == null) {
      if (forwarder.target() == null) {
        throw ApiError.of(409, "no_forward_target", "url", "required", null,
            "this receiver has no forward target (start it with --forward-to URL, or forwardTo(...)), so the body"
                + " must name where to send the replay: {\"url\":\"http://127.0.0.1:3000/sync\"}");
      }
      return forwarder.target().toString();
    }
    URI uri;
    try {
      uri = new URI(given);
    } catch (URISyntaxException e) {
      throw invalid("url", "http_url", given, "url is not a URL (" + e.getReason() + "); give an absolute http(s)"
          + " URL such as http://127.0.0.1:3000/sync");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
        || uri.getRawFragment() != null) {
      throw invalid("url", "http_url", given, "url must be an absolute http or https URL with a host and no"
          + " #fragment, such as http://127.0.0.1:3000/sync; received '" + given + "'");
    }
    return given;
  }

  /** The event's params with the body's changes: changed in place, removed, or added at the end. */
  private static FormParams params(FormParams recorded, ReplayRequest body) {
    Map<String, String> changes = new LinkedHashMap<>();
    if (body.params() != null) {
      body.params().forEach((name, value) -> {
        if (name.isEmpty()) {
          throw invalid("params", "named", "", "params has a parameter with an empty name; name each one");
        }
        changes.put(name, value);
      });
    }
    if (body.data() != null) {
      String dataName = "Data";
      for (FormParams.Param p : recorded.asList()) {
        if (p.name().endsWith("Data")) {
          dataName = p.name();
          break;
        }
      }
      changes.put(dataName, body.data().isNull() ? null : body.data().toString());
    }
    List<FormParams.Param> out = new ArrayList<>(recorded.size() + changes.size());
    Map<String, Boolean> done = new LinkedHashMap<>();
    for (FormParams.Param p : recorded.asList()) {
      if (!changes.containsKey(p.name())) {
        out.add(p);
      } else if (done.putIfAbsent(p.name(), true) == null && changes.get(p.name()) != null) {
        out.add(new FormParams.Param(p.name(), changes.get(p.name()))); // a repeated one becomes one
      }
    }
    changes.forEach((name, value) -> {
      if (!done.containsKey(name) && value != null) {
        out.add(new FormParams.Param(name, value));
      }
    });
    return FormParams.of(out);
  }

  private static ReplayRequest read(Request request) {
    byte[] body;
    try {
      body = Content.Source.asByteArrayAsync(request, MAX_BODY).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw invalid("body", "readable", null, "the body could not be read (over " + MAX_BODY
          + " bytes, or it stalled); send " + SHAPE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw invalid("body", "readable", null, "the receiver is stopping; nothing was sent");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return new ReplayRequest(null, null, null); // no changes: the event as recorded, to the forward target
    }
    try {
      return STRICT.readValue(body, ReplayRequest.class);
    } catch (UnrecognizedPropertyException e) {
      throw invalid(e.getPropertyName(), "unknown_field", e.getPropertyName(), e.getPropertyName()
          + " is not a field of a replay; send " + SHAPE);
    } catch (StreamReadException e) {
      String excerpt = text.length() > 80 ? text.substring(0, 80) + "..." : text;
      throw invalid("body", "json", excerpt, "the body is not JSON (" + e.getOriginalMessage() + "); send " + SHAPE);
    } catch (JsonMappingException e) {
      StringBuilder field = new StringBuilder();
      for (JsonMappingException.Reference ref : e.getPath()) {
        if (ref.getFieldName() != null) {
          field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
        }
      }
      String name = field.length() == 0 ? "body" : field.toString();
      String received = null;
      if (e.getProcessor() instanceof JsonParser p) {
        try {
          received = p.currentToken() == null || p.currentToken().isStructStart() ? null : p.getText();
        } catch (IOException ignored) {
          // no text to show
        }
      }
      throw invalid(name, "type", received, name.equals("body") ? "the body must be a JSON object: " + SHAPE
          : name + " has the wrong type (" + (name.startsWith("params") ? "a param's value is a string, or null to"
              + " remove it" : "url is a string") + "): " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw invalid("body", "json", null, "the body could not be read: " + e.getMessage());
    }
  }

  private static ApiError invalid(String field, String rule, String received, String message) {
    return ApiError.of(400, "invalid_replay", field, rule, received, message);
  }
}
