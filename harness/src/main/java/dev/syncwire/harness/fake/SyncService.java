package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.ObjectType;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A Sync service and its objects, one registry per object type. Guarded by the store lock. */
final class SyncService {
  /** Objects of one type: creation order for listing, SID and unique-name indexes for lookups. */
  static final class Registry {
    final TreeMap<Long, SyncObject> bySeq = new TreeMap<>();
    final Map<String, SyncObject> bySid = new HashMap<>();
    final Map<String, SyncObject> byUniqueName = new HashMap<>();

    void add(SyncObject object) {
      bySeq.put(object.seq, object);
      bySid.put(object.sid, object);
      if (object.uniqueName != null) {
        byUniqueName.put(object.uniqueName, object);
      }
    }

    void remove(SyncObject object) {
      bySeq.remove(object.seq);
      bySid.remove(object.sid);
      if (object.uniqueName != null) {
        byUniqueName.remove(object.uniqueName);
      }
    }

    Registry copy() {
      Registry c = new Registry();
      bySeq.values().forEach(o -> c.add(o.copy()));
      return c;
    }
  }

  final String sid;
  final long seq;
  final Instant dateCreated;
  Instant dateUpdated;
  String friendlyName;
  String webhookUrl;
  boolean webhooksFromRestEnabled;
  boolean reachabilityWebhooksEnabled;
  boolean aclEnabled;
  boolean reachabilityDebouncingEnabled;
  int reachabilityDebouncingWindow = 5000;
  final EnumMap<ObjectType, Registry> registries = new EnumMap<>(ObjectType.class);

  SyncService(String sid, long seq, Instant now) {
    this.sid = sid;
    this.seq = seq;
    this.dateCreated = now;
    this.dateUpdated = now;
    for (ObjectType type : new ObjectType[] {ObjectType.DOCUMENT, ObjectType.LIST, ObjectType.MAP, ObjectType.STREAM}) {
      registries.put(type, new Registry());
    }
  }

  Registry registry(ObjectType type) {
    return registries.get(type);
  }

  SyncService copy() {
    SyncService c = new SyncService(sid, seq, dateCreated);
    c.dateUpdated = dateUpdated;
    c.friendlyName = friendlyName;
    c.webhookUrl = webhookUrl;
    c.webhooksFromRestEnabled = webhooksFromRestEnabled;
    c.reachabilityWebhooksEnabled = reachabilityWebhooksEnabled;
    c.aclEnabled = aclEnabled;
    c.reachabilityDebouncingEnabled = reachabilityDebouncingEnabled;
    c.reachabilityDebouncingWindow = reachabilityDebouncingWindow;
    registries.forEach((type, registry) -> c.registries.put(type, registry.copy()));
    return c;
  }
}
