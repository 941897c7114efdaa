package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.internal.recording.EventStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** {@code GET /api/events}, {@code GET /api/events/{id}}, {@code DELETE /api/events}: the query API over recorded events. */
final class EventsApi {
  static final Set<String> FILTERS = EventFilters.NAMES;

  private EventsApi() {}

  /**
   * Reads the filters of a query string; an empty value is no filter, an odd one a 400 naming the
   * parameter, never a 500.
   */
  static EventQuery parseQuery(Request request, int cap) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (Fields.Field field : Request.extractQueryParameters(request)) {
      filters.put(field.getName(), field.getValues());
    }
    try {
      return EventFilters.parse(filters, cap);
    } catch (EventFilters.InvalidFilter e) {
      throw invalid(e.field(), e.rule(), e.received(), e.getMessage());
    }
  }

  /** {@code /api/events/{id}} takes no parameters: one given is a 400 naming it, as an unknown filter is. */
  static void requireNoParameters(Request request) {
    requireNoParameters(request, "/api/events/{id}");
  }

  /** {@code route} takes no query parameters: one given is a 400 naming it. */
  static void requireNoParameters(Request request, String route) {
    Fields fields = Request.extractQueryParameters(request);
    if (!fields.isEmpty()) {
      String name = fields.iterator().next().getName();
      throw invalid(name, "known_parameter", name, "'" + name + "' is not a parameter of " + route + ", which "
          + "takes none; filters (" + String.join(", ", new TreeSet<>(FILTERS)) + ") belong to GET /api/events");
    }
  }

  /**
   * DELETE forgets every event; it has no filters, and one given is refused (400, nothing
   * forgotten) rather than ignored, so {@code ?type=...} never clears what it did not name.
   */
  static void requireNoFilters(Request request) {
    Fields fields = Request.extractQueryParameters(request);
    if (!fields.isEmpty()) {
      String query = request.getHttpURI().getQuery();
      throw invalid(fields.iterator().next().getName(), "no_filters", query,
          "DELETE /api/events forgets every event; it takes no filters, received " + query);
    }
  }

  static long nonNegative(String name, String value) {
    try {
      return EventFilters.nonNegative(name, value);
    } catch (EventFilters.InvalidFilter e) {
      throw invalid(e.field(), e.rule(), e.received(), e.getMessage());
    }
  }

  static ApiError invalid(String field, String rule, String received, String message) {
    return ApiError.of(400, "invalid_query", field, rule, received, message);
  }

  static JsonReplies.Body page(List<SyncEvent> events, EventStore store) {
    return g -> {
      g.writeStartObject();
      g.writeNumberField("count", events.size());
      g.writeNumberField("held", store.size());
      g.writeNumberField("dropped", store.dropped());
      g.writeArrayFieldStart("events");
      for (SyncEvent event : events) {
        EventJson.write(event, store, g);
      }
      g.writeEndArray();
      g.writeEndObject();
    };
  }
}
