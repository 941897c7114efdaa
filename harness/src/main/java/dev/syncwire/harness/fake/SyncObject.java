package dev.syncwire.harness.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.ObjectType;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A document, list, map or stream. Items sit in sorted maps (lists by index, maps by key) so that
 * lookups and From/PageToken paging stay O(log n) at 100,000 items. Guarded by the store lock.
 */
final class SyncObject {
  record Permission(String identity, boolean read, boolean write, boolean manage) {}

  final ObjectType type;
  final String sid;
  final String uniqueName;
  final long seq;
  final Instant dateCreated;
  JsonNode data;
  long revision;
  Instant dateUpdated;
  Instant dateExpires;
  Expiry expiry;
  /** List indexes only grow: a deleted index is never handed out again. */
  int nextIndex;
  /** EventId of the last item webhook on this object. */
  long eventId;
  final TreeMap<Integer, SyncItem> listItems = new TreeMap<>();
  final TreeMap<String, SyncItem> mapItems = new TreeMap<>();
  final TreeMap<String, Permission> permissions = new TreeMap<>();

  SyncObject(ObjectType type, String sid, String uniqueName, long seq, Instant now) {
    this.type = type;
    this.sid = sid;
    this.uniqueName = uniqueName;
    this.seq = seq;
    this.dateCreated = now;
    this.dateUpdated = now;
  }

  SyncObject copy() {
    SyncObject c = new SyncObject(type, sid, uniqueName, seq, dateCreated);
    c.data = data;
    c.revision = revision;
    c.dateUpdated = dateUpdated;
    c.dateExpires = dateExpires;
    c.expiry = expiry;
    c.nextIndex = nextIndex;
    c.eventId = eventId;
    listItems.forEach((k, v) -> c.listItems.put(k, v.copy()));
    mapItems.forEach((k, v) -> c.mapItems.put(k, v.copy()));
    c.permissions.putAll(permissions);
    return c;
  }

  /** The items of a list or map, keyed for paging. */
  @SuppressWarnings("unchecked")
  <K> TreeMap<K, SyncItem> items() {
    return (TreeMap<K, SyncItem>) (Map<?, ?>) (type == ObjectType.LIST ? listItems : mapItems);
  }
}
