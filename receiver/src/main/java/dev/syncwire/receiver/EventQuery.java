package dev.syncwire.receiver;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import java.time.Instant;

/**
 * A filter over recorded events, the same one behind {@code GET /api/events?type=&object=&key=}.
 * Immutable; each option returns a new query. Type names match in either dialect.
 *
 * <pre>{@code
 * receiver.events().query(EventQuery.all().type("map_item_removed").object("user-presence").key("user-123"));
 * }</pre>
 */
public record EventQuery(
    String type, String object, String key, Long index, EventStatus status, Instant since, Long afterId, int limit) {

  /** The default page: the newest 1,000. */
  public static final int DEFAULT_LIMIT = 1000;

  public static EventQuery all() {
    return new EventQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT);
  }

  public EventQuery type(String type) {
    return new EventQuery(type, object, key, index, status, since, afterId, limit);
  }

  /** The object's SID or unique name. */
  public EventQuery object(String object) {
    return new EventQuery(type, object, key, index, status, since, afterId, limit);
  }

  public EventQuery key(String key) {
    return new EventQuery(type, object, key, index, status, since, afterId, limit);
  }

  public EventQuery index(long index) {
    return new EventQuery(type, object, key, index, status, since, afterId, limit);
  }

  public EventQuery status(EventStatus status) {
    return new EventQuery(type, object, key, index, status, since, afterId, limit);
  }

  /** Events received at or after {@code since}. */
  public EventQuery since(Instant since) {
    return new EventQuery(type, object, key, index, status, since, afterId, limit);
  }

  /** Events with an id greater than {@code id}: what arrived after an event you already saw. */
  public EventQuery afterId(long id) {
    return new EventQuery(type, object, key, index, status, since, id, limit);
  }

  public EventQuery limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more; received " + limit);
    }
    return new EventQuery(type, object, key, index, status, since, afterId, limit);
  }

  /** True when {@code event} passes every filter set (limit aside). */
  public boolean matches(SyncEvent event) {
    return (type == null || event.isType(type))
        && (object == null || event.isObject(object))
        && (key == null || key.equals(event.itemKey()))
        && (index == null || index.equals(event.itemIndex()))
        && (status == null || status == event.status())
        && (since == null || !event.receivedAt().isBefore(since))
        && (afterId == null || event.id() > afterId);
  }
}
