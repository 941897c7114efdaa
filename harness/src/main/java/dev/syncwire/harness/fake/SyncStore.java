package dev.syncwire.harness.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.fixtures.SyncContract;
import dev.syncwire.harness.fake.internal.ErrorCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * All Sync state and every rule that changes it: indexes, revisions, TTLs, unique names,
 * If-Match, and the webhooks each change fires. One lock (this object) guards everything; callers
 * hold it for a whole request, rendering included, so a response never shows half a change.
 *
 * <p>Over 500 lines on purpose: every rule that changes state runs under this one lock, and a split
 * would spread the lock over several classes.
 */
final class SyncStore {
  static final int MAX_TTL = 31_536_000;
  /** Unique names and map item keys: 1 to 320 characters (twilio-oai spec text; Twilio's Kotlin SDK test). */
  static final int MAX_NAME_LENGTH = 320;

  /** An immutable copy of everything, for snapshot/restore. */
  record State(
      SidGenerator sids, long seq, TreeMap<Long, SyncService> services, TreeSet<Expiry> expiries, Instant now) {}

  /**
   * One object or item a TTL removed. {@code key} for map items, {@code index} for list items.
   */
  record Expired(ObjectType type, boolean item, String serviceSid, String objectSid, String uniqueName,
      String key, Integer index) {
    /** {@code document}, {@code list}, {@code map}, {@code stream}, {@code list_item} or {@code map_item}. */
    String objectType() {
      return type.wireName() + (item ? "_item" : "");
    }
  }

  private final String accountSid;
  private final String authToken;
  private final FakeClock clock;
  private final long seed;
  private volatile WebhookSink sink;
  /** Off by default: nothing shows Twilio POSTing stream_message_published (see {@link #streamWebhooks}). */
  private volatile boolean streamWebhooks;
  /** Told, under this lock, when an expiry becomes the earliest pending one (a system clock's timer). */
  private Consumer<Instant> earliestExpiry = at -> {};

  private SidGenerator sids;
  private long seq;
  private TreeMap<Long, SyncService> services = new TreeMap<>();
  private Map<String, SyncService> servicesBySid = new HashMap<>();
  private TreeSet<Expiry> expiries = new TreeSet<>(Expiry.ORDER);
  /** The default service's SID, kept across clear() and restore(): SyncApiFake owns which one it is. */
  private String defaultServiceSid;
  /** Non-null while {@link #collectExpired} runs: every TTL removal is added here. */
  private List<Expired> expiredSink;

  SyncStore(String accountSid, String authToken, FakeClock clock, long seed, WebhookSink sink) {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.clock = clock;
    this.seed = seed;
    this.sink = sink;
    this.sids = new SidGenerator(seed);
  }

  String accountSid() {
    return accountSid;
  }

  Instant now() {
    return clock.instant();
  }

  void sink(WebhookSink sink) {
    this.sink = Objects.requireNonNull(sink);
  }

  /**
   * Whether publishing a stream message fires {@code stream_message_published}. Off by default: no
   * source shows Twilio posting it to a webhook_url, and a handler that waits for it would pass here
   * and never run in production.
   */
  void streamWebhooks(boolean enabled) {
    this.streamWebhooks = enabled;
  }

  synchronized void onEarliestExpiry(Consumer<Instant> listener) {
    this.earliestExpiry = Objects.requireNonNull(listener);
  }

  /** When the earliest pending TTL runs out, or null if none is pending. */
  synchronized Instant nextExpiry() {
    return expiries.isEmpty() ? null : expiries.first().at();
  }

  // ---- whole state ----

  synchronized State snapshot() {
    TreeMap<Long, SyncService> copy = new TreeMap<>();
    services.forEach((k, v) -> copy.put(k, v.copy()));
    TreeSet<Expiry> expiryCopy = new TreeSet<>(Expiry.ORDER);
    expiryCopy.addAll(expiries);
    return new State(sids.copy(), seq, copy, expiryCopy, clock.instant());
  }

  synchronized void restore(State state) {
    sids = state.sids().copy();
    seq = state.seq();
    services = new TreeMap<>();
    servicesBySid = new HashMap<>();
    state.services().forEach((k, v) -> {
      SyncService copy = v.copy();
      services.put(k, copy);
      servicesBySid.put(copy.sid, copy);
    });
    expiries = new TreeSet<>(Expiry.ORDER);
    expiries.addAll(state.expiries());
    clock.restoreTo(state.now());
    if (!expiries.isEmpty()) {
      earliestExpiry.accept(expiries.first().at());
    }
  }

  synchronized void clear() {
    sids = new SidGenerator(seed);
    seq = 0;
    services = new TreeMap<>();
    servicesBySid = new HashMap<>();
    expiries = new TreeSet<>(Expiry.ORDER);
  }

  // ---- services ----

  synchronized SyncService createService(String sid) {
    SyncService service = new SyncService(sid != null ? sid : sids.next("IS"), ++seq, now());
    services.put(service.seq, service);
    servicesBySid.put(service.sid, service);
    return service;
  }

  synchronized SyncService service(String sid, String path) {
    SyncService service = servicesBySid.get(sid);
    if (service == null && SyncContract.DEFAULT_SERVICE_UNIQUE_NAME.equals(sid) && defaultServiceSid != null) {
      service = servicesBySid.get(defaultServiceSid);
    }
    if (service == null) {
      throw SyncError.notFound(path);
    }
    return service;
  }

  /** Which service answers to the unique name {@code default} ({@link SyncContract#DEFAULT_SERVICE_UNIQUE_NAME}). */
  synchronized void defaultServiceSid(String sid) {
    defaultServiceSid = sid;
  }

  /** The service's {@code unique_name}: {@code default} for the default service, else none. */
  synchronized String uniqueName(SyncService service) {
    return service.sid.equals(defaultServiceSid) ? SyncContract.DEFAULT_SERVICE_UNIQUE_NAME : null;
  }

  synchronized void deleteService(SyncService service) {
    services.remove(service.seq);
    servicesBySid.remove(service.sid);
    // Pending expiries of its objects find nothing when due and are dropped then.
  }

  synchronized TreeMap<Long, SyncService> services() {
    return services;
  }

  // ---- documents, lists, maps, streams ----

  synchronized SyncObject object(SyncService service, ObjectType type, String sidOrUniqueName, String path) {
    SyncService.Registry registry = service.registry(type);
    SyncObject object = SidGenerator.looksLikeSid(sidOrUniqueName, type.sidPrefix())
        ? registry.bySid.get(sidOrUniqueName)
        : registry.byUniqueName.get(sidOrUniqueName);
    if (object == null) {
      throw SyncError.notFound(path);
    }
    return object;
  }

  synchronized SyncObject createObject(SyncService service, ObjectType type, String uniqueName, JsonNode data, Integer ttl) {
    SyncService.Registry registry = service.registry(type);
    if (uniqueName != null) {
      checkUniqueName(uniqueName);
    }
    if (uniqueName != null && registry.byUniqueName.containsKey(uniqueName)) {
      throw new SyncError(ErrorCase.UNIQUE_NAME_EXISTS, "Unique name already exists: a " + type.wireName() + " named '"
          + uniqueName + "' is already in service " + service.sid + "; fetch it or pick another UniqueName");
    }
    Instant now = now();
    Instant expiresAt = expiryAt(ttl, now); // first: a TTL that cannot be dated leaves nothing half made
    SyncObject object = new SyncObject(type, sids.next(type.sidPrefix()), uniqueName, ++seq, now);
    object.data = type == ObjectType.DOCUMENT ? (data != null ? data : Json.object()) : null;
    registry.add(object);
    expireIn(service, object, null, ttl, expiresAt);
    switch (type) {
      case DOCUMENT -> emitObject(service, EventType.DOCUMENT_CREATED, object);
      case LIST -> emitObject(service, EventType.LIST_CREATED, object);
      case MAP -> emitObject(service, EventType.MAP_CREATED, object);
      default -> { } // no stream_created webhook is known
    }
    return object;
  }

  /** Document: Data replaces the whole document. Every type: Ttl resets the expiry. */
  synchronized SyncObject updateObject(SyncService service, SyncObject object, JsonNode data, Integer ttl, String ifMatch) {
    checkRevision(ifMatch, object.revision);
    Instant now = now();
    Instant expiresAt = expiryAt(ttl, now);
    if (data != null) {
      object.data = data;
    }
    object.revision++;
    object.dateUpdated = now;
    expireIn(service, object, null, ttl, expiresAt);
    if (object.type == ObjectType.DOCUMENT) {
      emitObject(service, EventType.DOCUMENT_UPDATED, object);
    }
    return object;
  }

  synchronized void deleteObject(SyncService service, SyncObject object) {
    service.registry(object.type).remove(object);
    dropExpiry(object.expiry);
    switch (object.type) {
      case DOCUMENT -> emitObject(service, EventType.DOCUMENT_REMOVED, object);
      case LIST -> emitObject(service, EventType.LIST_REMOVED, object);
      case MAP -> emitObject(service, EventType.MAP_REMOVED, object);
      default -> { }
    }
  }

  synchronized void publish(SyncService service, SyncObject stream, String messageSid, String data) {
    if (!streamWebhooks) {
      return;
    }
    send(service, WebhookParams.forStreamMessage(accountSid, service.sid, stream, messageSid, data), stream);
  }

  synchronized String nextSid(String prefix) {
    return sids.next(prefix);
  }

  // ---- list and map items ----

  synchronized SyncItem item(SyncObject object, Object id, String path) {
    SyncItem item = object.type == ObjectType.LIST ? object.listItems.get(id) : object.mapItems.get(id);
    if (item == null) {
      throw SyncError.notFound(path);
    }
    return item;
  }

  synchronized SyncItem addListItem(SyncService service, SyncObject list, JsonNode data, Integer itemTtl, Integer collectionTtl) {
    Instant now = now();
    Instant itemExpires = expiryAt(itemTtl, now);
    Instant listExpires = expiryAt(collectionTtl, now);
    SyncItem item = new SyncItem(list.nextIndex++, null, data, now);
    list.listItems.put(item.index, item);
    itemAdded(service, list, item, itemTtl, itemExpires, collectionTtl, listExpires, EventType.LIST_ITEM_ADDED);
    return item;
  }

  synchronized SyncItem addMapItem(SyncService service, SyncObject map, String key, JsonNode data, Integer itemTtl, Integer collectionTtl) {
    if (map.mapItems.containsKey(key)) {
      throw new SyncError(ErrorCase.MAP_ITEM_KEY_EXISTS, "Item with key '" + key + "' already exists in map " + map.sid
          + "; update it (POST .../Items/" + key + ") instead of creating it");
    }
    Instant now = now();
    Instant itemExpires = expiryAt(itemTtl, now);
    Instant mapExpires = expiryAt(collectionTtl, now);
    SyncItem item = new SyncItem(null, key, data, now);
    map.mapItems.put(key, item);
    itemAdded(service, map, item, itemTtl, itemExpires, collectionTtl, mapExpires, EventType.MAP_ITEM_ADDED);
    return item;
  }

  private void itemAdded(SyncService service, SyncObject object, SyncItem item, Integer itemTtl, Instant itemExpires,
      Integer collectionTtl, Instant collectionExpires, EventType event) {
    itemChanged(object);
    expireIn(service, object, item, itemTtl, itemExpires);
    expireIn(service, object, null, collectionTtl, collectionExpires);
    emitItem(service, event, object, item);
  }

  synchronized SyncItem updateItem(
      SyncService service, SyncObject object, SyncItem item, JsonNode data, Integer itemTtl, Integer collectionTtl, String ifMatch) {
    checkRevision(ifMatch, item.revision);
    Instant now = now();
    Instant itemExpires = expiryAt(itemTtl, now);
    Instant collectionExpires = expiryAt(collectionTtl, now);
    if (data != null) {
      item.data = data;
    }
    item.revision++;
    item.dateUpdated = now;
    itemChanged(object);
    expireIn(service, object, item, itemTtl, itemExpires);
    expireIn(service, object, null, collectionTtl, collectionExpires);
    emitItem(service, object.type == ObjectType.LIST ? EventType.LIST_ITEM_UPDATED : EventType.MAP_ITEM_UPDATED, object, item);
    return item;
  }

  synchronized void deleteItem(SyncService service, SyncObject object, SyncItem item, String ifMatch) {
    checkRevision(ifMatch, item.revision);
    removeItem(service, object, item);
  }

  private void removeItem(SyncService service, SyncObject object, SyncItem item) {
    object.items().remove(item.id());
    itemChanged(object);
    dropExpiry(item.expiry);
    emitItem(service, object.type == ObjectType.LIST ? EventType.LIST_ITEM_REMOVED : EventType.MAP_ITEM_REMOVED, object, item);
  }

  /**
   * A map's revision moves with each change to its items, as the captured backend event shows
   * (item_revision "1af" beside map_revision "1b0"); no source shows it for lists, so theirs stays.
   */
  private static void itemChanged(SyncObject object) {
    if (object.type == ObjectType.MAP) {
      object.revision++;
    }
  }

  // ---- permissions ----

  synchronized SyncObject.Permission permission(SyncObject object, String identity, String path) {
    SyncObject.Permission permission = object.permissions.get(identity);
    if (permission == null) {
      throw SyncError.notFound(path);
    }
    return permission;
  }

  synchronized SyncObject.Permission grant(SyncObject object, SyncObject.Permission permission) {
    object.permissions.put(permission.identity(), permission);
    return permission;
  }

  synchronized void revoke(SyncObject object, String identity) {
    object.permissions.remove(identity);
  }

  // ---- TTL ----

  /**
   * When a TTL of {@code ttl} seconds set at {@code changedAt} (the time the change stamped: one
   * reading of a system clock, so date_expires - date_updated is exactly the TTL) runs out; null for
   * none. Callers compute it before changing anything, since it can throw at the end of time.
   */
  private static Instant expiryAt(Integer ttl, Instant changedAt) {
    return ttl == null || ttl == 0 ? null : changedAt.plusSeconds(ttl);
  }

  /**
   * Sets or clears a TTL: null leaves it, 0 removes it, n expires at {@code at} ({@link #expiryAt}).
   * Validation lives with request parsing ({@link #ttl}).
   */
  private void expireIn(SyncService service, SyncObject object, SyncItem item, Integer ttl, Instant at) {
    if (ttl == null) {
      return;
    }
    Expiry old = item != null ? item.expiry : object.expiry;
    dropExpiry(old);
    Expiry expiry = at == null ? null
        : new Expiry(at, ++seq, service.sid, object.type, object.sid, item == null ? null : item.id());
    if (expiry != null) {
      expiries.add(expiry);
      if (expiries.first() == expiry) {
        earliestExpiry.accept(at);
      }
    }
    if (item != null) {
      item.dateExpires = at;
      item.expiry = expiry;
    } else {
      object.dateExpires = at;
      object.expiry = expiry;
    }
  }

  private void dropExpiry(Expiry expiry) {
    if (expiry != null) {
      expiries.remove(expiry);
    }
  }

  /**
   * Runs {@code moveClock} (which expires through the clock's listener) with the store locked and
   * returns what its TTLs removed, oldest first.
   */
  synchronized List<Expired> collectExpired(Runnable moveClock) {
    List<Expired> removed = new ArrayList<>();
    expiredSink = removed;
    try {
      moveClock.run();
    } finally {
      expiredSink = null;
    }
    return removed;
  }

  /** Removes everything due at {@code now}, oldest first, firing the *_removed webhooks; returns what it removed. */
  synchronized List<Expired> expireDue(Instant now) {
    List<Expired> removed = expiredSink != null ? expiredSink : new ArrayList<>();
    while (!expiries.isEmpty() && !expiries.first().at().isAfter(now)) {
      Expiry due = expiries.pollFirst();
      SyncService service = servicesBySid.get(due.serviceSid());
      SyncObject object = service == null ? null : service.registry(due.type()).bySid.get(due.objectSid());
      if (object == null) {
        continue;
      }
      if (due.itemId() == null) {
        if (due.equals(object.expiry)) {
          deleteObject(service, object);
          removed.add(new Expired(object.type, false, service.sid, object.sid, object.uniqueName, null, null));
        }
      } else {
        SyncItem item = (SyncItem) object.items().get(due.itemId());
        if (item != null && due.equals(item.expiry)) {
          removeItem(service, object, item);
          removed.add(new Expired(object.type, true, service.sid, object.sid, object.uniqueName, item.key, item.index));
        }
      }
    }
    return removed;
  }

  /** Parses a TTL parameter: absent is null; else an integer 0..31,536,000 or 400 with 54011. */
  static Integer ttl(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      long ttl = Long.parseLong(value.trim());
      if (ttl >= 0 && ttl <= MAX_TTL) {
        return (int) ttl;
      }
    } catch (NumberFormatException e) {
      // reported below with the value received
    }
    throw new SyncError(ErrorCase.INVALID_TTL, "Invalid TTL: " + name + " was '" + value
        + "'; it must be a whole number of seconds from 0 (no expiry) to " + MAX_TTL);
  }

  // ---- names ----

  /**
   * Twilio's rule, with its message as Twilio's Kotlin SDK test quotes it: 1 to 320 characters
   * (Unicode code points, as the receiver counts) and not shaped like any SID, so a name never
   * shadows a SID in a path.
   */
  static void checkUniqueName(String uniqueName) {
    int length = codePoints(uniqueName);
    boolean sidShaped = SidGenerator.looksLikeAnySid(uniqueName);
    if (length == 0 || length > MAX_NAME_LENGTH || sidShaped) {
      throw new SyncError(ErrorCase.INVALID_UNIQUE_NAME, "Invalid unique name. Expected a string with length 1-" + MAX_NAME_LENGTH
          + " not matching the SID pattern; UniqueName was " + (sidShaped
              ? "'" + uniqueName + "', which looks like a SID (two letters and 32 hex digits)"
              : length + " characters long"));
    }
  }

  /** A map item key: 1 to 320 characters (Twilio error 54209, whose page still says 256; the spec says 320). */
  static void checkItemKey(String key) {
    int length = codePoints(key);
    if (length == 0 || length > MAX_NAME_LENGTH) {
      throw new SyncError(ErrorCase.INVALID_ITEM_KEY, "Invalid map item key: expected a string with length 1-" + MAX_NAME_LENGTH
          + "; Key was " + length + " characters long");
    }
  }

  /** Characters as Unicode code points; UTF-16 units only outnumber them past the limit, so count them only there. */
  private static int codePoints(String text) {
    return text.length() <= MAX_NAME_LENGTH ? text.length() : text.codePointCount(0, text.length());
  }

  // ---- If-Match ----

  /** If-Match compares the revision's text, never a number parsed from it. */
  private static void checkRevision(String ifMatch, long revision) {
    String current = Revision.text(revision);
    if (ifMatch != null && !ifMatch.equals(current)) {
      throw new SyncError(ErrorCase.REVISION_MISMATCH, "Precondition failed: If-Match was '" + ifMatch
          + "' but the current revision is '" + current + "'; fetch the latest revision and retry");
    }
  }

  // ---- webhooks ----

  private void emitObject(SyncService service, EventType event, SyncObject object) {
    if (firesWebhooks(service)) { // no parameters built for a webhook that is not sent
      send(service, WebhookParams.forObject(accountSid, service.sid, event, object), object);
    }
  }

  private void emitItem(SyncService service, EventType event, SyncObject object, SyncItem item) {
    if (!firesWebhooks(service)) {
      return;
    }
    long eventId = ++object.eventId;
    send(service, WebhookParams.forItem(accountSid, service.sid, event, object, item, eventId), object);
  }

  /** Twilio's rule for REST-made changes: a webhook_url and webhooks_from_rest_enabled=true. */
  private static boolean firesWebhooks(SyncService service) {
    return service.webhookUrl != null && service.webhooksFromRestEnabled;
  }

  private void send(SyncService service, FormParams params, SyncObject object) {
    if (firesWebhooks(service)) {
      sink.send(service.webhookUrl, params, authToken, service.sid + object.sid);
    }
  }
}
