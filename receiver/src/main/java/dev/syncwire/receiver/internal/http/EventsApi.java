package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.internal.recording.EventStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** {@code GET /api/events}, {@code GET /api/events/{id}}, {@code DELETE /api/events}: the query API over recorded events. */
final class EventsApi {
  static final Set<String> FILTERS = Set.of("type", "object", "key", "index", "status", "since", "limit");

  private EventsApi() {}

  /**
   * Reads the filters of a query string; an empty value is no filter, an odd one a 400 naming the
   * parameter, never a 500.
   */
  static EventQuery parseQuery(Request request, int cap) {
    Fields fields = Request.extractQueryParameters(request);
    EventQuery query = EventQuery.all();
    for (Fields.Field field : fields) {
      String name = field.getName();
      if (!FILTERS.contains(name)) {
        throw invalid(name, "known_parameter", name, "'" + name + "' is not a filter of /api/events; use "
            + String.join(", ", new TreeSet<>(FILTERS)));
      }
      if (field.getValues().size() > 1) {
        throw invalid(name, "single_value", String.join(",", field.getValues()),
            name + " may be given once; received " + field.getValues().size() + " values");
      }
      String value = field.getValue();
      if (value.isEmpty()) {
        continue; // how an HTML form sends a field left unset, and how GET / documents the template: no filter
      }
      switch (name) {
        case "type" -> {
          if (EventType.fromWireName(value).isEmpty()) {
            throw invalid(name, "known_event_type", value, "type '" + value + "' is not a Sync event type; use one of "
                + String.join(", ", new TreeSet<>(EventType.knownNames())));
          }
          query = query.type(value);
        }
        case "object" -> query = query.object(value);
        case "key" -> query = query.key(value);
        case "index" -> query = query.index(nonNegative(name, value));
        case "status" -> {
          try {
            query = query.status(EventStatus.fromWireName(value));
          } catch (IllegalArgumentException e) {
            throw invalid(name, "one_of", value, "status must be accepted, rejected or duplicate; received '" + value + "'");
          }
        }
        case "since" -> query = since(query, value);
        case "limit" -> {
          long limit = nonNegative(name, value);
          if (limit < 1 || limit > cap) {
            throw invalid(name, "range", value, "limit must be 1 to " + cap + " (the in-memory cap); received " + value);
          }
          query = query.limit((int) limit);
        }
        default -> throw new IllegalStateException(name);
      }
    }
    return query;
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

  private static EventQuery since(EventQuery query, String value) {
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 19) {
      return query.afterId(Long.parseLong(value));
    }
    try {
      return query.since(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw invalid("since", "instant_or_id", value,
          "since must be an event id (events after it) or an ISO-8601 instant such as 2026-11-25T09:00:00Z; received '"
              + value + "'");
    }
  }

  static long nonNegative(String name, String value) {
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
      throw invalid(name, "non_negative_integer", value, name + " must be a whole number of 0 or more; received '" + value + "'");
    }
    return Long.parseLong(value);
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
