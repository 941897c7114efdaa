package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.receiver.EventQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters of {@code GET /api/events} read into an {@link EventQuery}, with one set of rules and
 * error texts for the query API and the command line ({@code syncwire replay --type ... --since ...}).
 *
 * <pre>{@code
 * EventQuery q = EventFilters.parse(Map.of("type", List.of("map_item_added"), "since", List.of("12")), 1000);
 * }</pre>
 */
public final class EventFilters {
  /** Every filter name. */
  public static final Set<String> NAMES = Set.of("type", "object", "key", "index", "status", "since", "limit");

  private EventFilters() {}

  /** A filter that broke a rule: which, the rule, what was received, and a sentence saying so. */
  public static final class InvalidFilter extends IllegalArgumentException {
    private final String field;
    private final String rule;
    private final String received;

    InvalidFilter(String field, String rule, String received, String message) {
      super(message);
      this.field = field;
      this.rule = rule;
      this.received = received;
    }

    public String field() {
      return field;
    }

    public String rule() {
      return rule;
    }

    public String received() {
      return received;
    }
  }

  /**
   * Reads filters (name to its values, as a query string gives them); an empty value is no filter,
   * an odd one an {@link InvalidFilter} naming it. {@code cap} bounds {@code limit}.
   */
  public static EventQuery parse(Map<String, List<String>> fields, int cap) {
    EventQuery query = EventQuery.all();
    for (Map.Entry<String, List<String>> field : fields.entrySet()) {
      String name = field.getKey();
      if (!NAMES.contains(name)) {
        throw new InvalidFilter(name, "known_parameter", name, "'" + name + "' is not a filter of /api/events; use "
            + String.join(", ", new TreeSet<>(NAMES)));
      }
      if (field.getValue().size() > 1) {
        throw new InvalidFilter(name, "single_value", String.join(",", field.getValue()),
            name + " may be given once; received " + field.getValue().size() + " values");
      }
      String value = field.getValue().isEmpty() ? "" : field.getValue().get(0);
      if (value.isEmpty()) {
        continue; // how an HTML form sends a field left unset, and how GET / documents the template: no filter
      }
      switch (name) {
        case "type" -> {
          if (EventType.fromWireName(value).isEmpty()) {
            throw new InvalidFilter(name, "known_event_type", value, "type '" + value + "' is not a Sync event type; use one of "
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
            throw new InvalidFilter(name, "one_of", value, "status must be accepted, rejected or duplicate; received '" + value + "'");
          }
        }
        case "since" -> query = since(query, value);
        case "limit" -> {
          long limit = nonNegative(name, value);
          if (limit < 1 || limit > cap) {
            throw new InvalidFilter(name, "range", value, "limit must be 1 to " + cap + " (the in-memory cap); received " + value);
          }
          query = query.limit((int) limit);
        }
        default -> throw new IllegalStateException(name);
      }
    }
    return query;
  }

  private static EventQuery since(EventQuery query, String value) {
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 19) {
      return query.afterId(Long.parseLong(value));
    }
    try {
      return query.since(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new InvalidFilter("since", "instant_or_id", value,
          "since must be an event id (events after it) or an ISO-8601 instant such as 2026-11-25T09:00:00Z; received '"
              + value + "'");
    }
  }

  /** A whole number of 0 or more, or an {@link InvalidFilter} naming {@code name}. */
  public static long nonNegative(String name, String value) {
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
      throw new InvalidFilter(name, "non_negative_integer", value, name + " must be a whole number of 0 or more; received '" + value + "'");
    }
    return Long.parseLong(value);
  }
}
