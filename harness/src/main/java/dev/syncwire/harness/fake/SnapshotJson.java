package dev.syncwire.harness.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.fixtures.Violation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fake's whole state as JSON ({@code "format":"syncwire-snapshot/1"}), both ways, exactly:
 * writing what {@link #read} gave gives the same bytes. One format for the control API's
 * {@code /snapshot} and {@code /restore}, the CLI's {@code --import}/{@code --export-on-exit} and
 * {@link SyncApiFake.Snapshot#toJson()}. A TTL lives on its object or item as {@code dateExpires}
 * plus {@code expirySeq} (the order among expiries due in the same instant).
 */
final class SnapshotJson {
  static final String FORMAT = "syncwire-snapshot/1";
  /** The largest {@code seq} and {@code sids.counter}: 2^53 - 1, exact in every JSON reader (JavaScript's too), and far from overflow. */
  static final long MAX_SEQ = (1L << 53) - 1;

  private SnapshotJson() {}

  record Snapshot(String format, String now, Sids sids, Long seq, List<Service> services) {}

  /** Where the SID generator stands: its seed and how many SIDs it handed out. */
  record Sids(Long seed, Long counter) {}

  record Service(String sid, Long seq, String dateCreated, String dateUpdated, String friendlyName, String webhookUrl,
      Boolean webhooksFromRestEnabled, Boolean reachabilityWebhooksEnabled, Boolean aclEnabled,
      Boolean reachabilityDebouncingEnabled, Integer reachabilityDebouncingWindow,
      List<SyncObjectJson> documents, List<SyncObjectJson> lists, List<SyncObjectJson> maps, List<SyncObjectJson> streams) {}

  /** {@code data} for documents only; {@code nextIndex} counts list indexes ever handed out; {@code items} for lists and maps. */
  record SyncObjectJson(String sid, String uniqueName, Long seq, String dateCreated, String dateUpdated, String dateExpires,
      Long expirySeq, Long revision, JsonNode data, Integer nextIndex, Long eventId, List<Item> items,
      List<Permission> permissions) {}

  /** {@code index} for list items, {@code key} for map items. */
  record Item(Integer index, String key, JsonNode data, Long revision, String dateCreated, String dateUpdated,
      String dateExpires, Long expirySeq) {}

  record Permission(String identity, Boolean read, Boolean write, Boolean manage) {}

  private static final ObjectType[] TYPES = {ObjectType.DOCUMENT, ObjectType.LIST, ObjectType.MAP, ObjectType.STREAM};

  // ---- out ----

  static byte[] write(SyncStore.State state) {
    List<Service> services = new ArrayList<>();
    for (SyncService s : state.services().values()) {
      List<List<SyncObjectJson>> byType = new ArrayList<>();
      for (ObjectType type : TYPES) {
        List<SyncObjectJson> objects = new ArrayList<>();
        s.registry(type).bySeq.values().forEach(o -> objects.add(object(o)));
        byType.add(objects);
      }
      services.add(new Service(s.sid, s.seq, text(s.dateCreated), text(s.dateUpdated), s.friendlyName, s.webhookUrl,
          s.webhooksFromRestEnabled, s.reachabilityWebhooksEnabled, s.aclEnabled, s.reachabilityDebouncingEnabled,
          s.reachabilityDebouncingWindow, byType.get(0), byType.get(1), byType.get(2), byType.get(3)));
    }
    return ControlJson.write(new Snapshot(FORMAT, text(state.now()),
        new Sids(state.sids().seed(), state.sids().counter()), state.seq(), services));
  }

  private static SyncObjectJson object(SyncObject o) {
    List<Item> items = null;
    if (o.type == ObjectType.LIST || o.type == ObjectType.MAP) {
      items = new ArrayList<>();
      for (SyncItem i : o.<Object>items().values()) {
        items.add(new Item(i.index, i.key, i.data, i.revision, text(i.dateCreated), text(i.dateUpdated),
            text(i.dateExpires), i.expiry == null ? null : i.expiry.seq()));
      }
    }
    List<Permission> permissions = new ArrayList<>();
    o.permissions.values().forEach(p -> permissions.add(new Permission(p.identity(), p.read(), p.write(), p.manage())));
    return new SyncObjectJson(o.sid, o.uniqueName, o.seq, text(o.dateCreated), text(o.dateUpdated), text(o.dateExpires),
        o.expiry == null ? null : o.expiry.seq(), o.revision, o.type == ObjectType.DOCUMENT ? o.data : null,
        o.type == ObjectType.LIST ? o.nextIndex : null, o.eventId, items, permissions);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  // ---- in ----

  /**
   * The state a snapshot's JSON describes.
   *
   * @throws ControlError (400) naming every field that is missing, of the wrong type or breaks a rule
   */
  static SyncStore.State read(byte[] json) {
    Snapshot s = ControlJson.read(json, Snapshot.class, "a syncwire snapshot (GET /__syncwire/snapshot gives one)");
    return new Reader().state(s);
  }

  /** Checks everything and collects every broken rule before giving up. */
  private static final class Reader {
    private final List<Violation> violations = new ArrayList<>();
    private final TreeSet<Expiry> expiries = new TreeSet<>(Expiry.ORDER);
    /** Every SID read, by field: none may be one the generator hands out at or after {@code sids.counter}. */
    private final Map<String, String> sidsInUse = new java.util.LinkedHashMap<>();
    /** The highest seq (object, service or expirySeq) read, and where: {@code seq} must not be below it. */
    private long highestSeq = -1;
    private String highestSeqField;
    private Instant now;

    SyncStore.State state(Snapshot s) {
      if (!FORMAT.equals(s.format())) {
        fail("format", "format", s.format(), "format must be \"" + FORMAT + "\" (a snapshot from GET /__syncwire/snapshot); got "
            + ControlJson.quote(s.format()));
        throw ControlError.invalid(violations);
      }
      now = instant("now", s.now(), true);
      if (now != null && now.isAfter(ControlApi.LATEST)) {
        fail("now", "out_of_range", s.now(), "now must be at most " + ControlApi.LATEST
            + " (the latest the fake's clock goes, leaving room for the longest TTL); got " + s.now());
        now = null;
      }
      require("sids", s.sids());
      boolean sidsOk = false;
      if (s.sids() != null) {
        sidsOk = require("sids.seed", s.sids().seed()) & atMost("sids.counter", s.sids().counter());
      }
      boolean seqOk = atMost("seq", s.seq());
      require("services", s.services());
      TreeMap<Long, SyncService> services = new TreeMap<>();
      Set<String> serviceSids = new HashSet<>();
      List<Service> list = s.services() == null ? List.of() : s.services();
      for (int i = 0; i < list.size(); i++) {
        String at = "services[" + i + "]";
        Service doc = list.get(i);
        if (doc == null) {
          fail(at, "required", null, at + " is null; give a service object");
          continue;
        }
        SyncService service = service(at, doc);
        if (service == null) {
          continue;
        }
        if (!serviceSids.add(service.sid)) {
          fail(at + ".sid", "unique", service.sid, at + ".sid " + service.sid + " appears twice; each service once");
        } else if (services.putIfAbsent(service.seq, service) != null) {
          fail(at + ".seq", "unique", String.valueOf(service.seq), at + ".seq " + service.seq + " is another service's too");
        }
      }
      if (seqOk && s.seq() < highestSeq) {
        fail("seq", "below_seq_in_use", String.valueOf(s.seq()), "seq must be at least " + highestSeq + ", the "
            + highestSeqField + " in this snapshot (the fake numbers what it creates from seq + 1); got " + s.seq());
      }
      if (sidsOk) {
        sidsAhead(s.sids());
      }
      if (!violations.isEmpty()) {
        throw ControlError.invalid(violations);
      }
      return new SyncStore.State(new SidGenerator(s.sids().seed(), s.sids().counter()), s.seq(), services, expiries, now);
    }

    /** The counter must be past every SID this seed handed out, or new objects would get SIDs already in use. */
    private void sidsAhead(Sids sids) {
      SidGenerator generator = new SidGenerator(sids.seed());
      long needed = 0;
      String field = null;
      String sid = null;
      for (Map.Entry<String, String> e : sidsInUse.entrySet()) {
        long index = generator.indexOf(e.getValue());
        if (index >= needed) {
          needed = index + 1;
          field = e.getKey();
          sid = e.getValue();
        }
      }
      if (sids.counter() < needed) {
        fail("sids.counter", "below_sids_in_use", String.valueOf(sids.counter()), "sids.counter must be at least "
            + needed + ": seed " + sids.seed() + " handed out " + sid + " (" + field + ") as SID number " + (needed - 1)
            + ", so a lower counter gives new objects SIDs already in use; got " + sids.counter());
      }
    }

    private SyncService service(String at, Service doc) {
      boolean ok = sid(at + ".sid", doc.sid(), "IS");
      ok &= nonNegative(at + ".seq", doc.seq());
      seqInUse(at + ".seq", doc.seq());
      Instant created = instant(at + ".dateCreated", doc.dateCreated(), true);
      Instant updated = instant(at + ".dateUpdated", doc.dateUpdated(), true);
      ok &= notAfterNow(at + ".dateCreated", created) & notAfterNow(at + ".dateUpdated", updated);
      ok &= webhookUrl(at + ".webhookUrl", doc.webhookUrl());
      Integer window = doc.reachabilityDebouncingWindow();
      if (window != null && (window < 1000 || window > 30000)) {
        ok = false;
        fail(at + ".reachabilityDebouncingWindow", "between_1000_and_30000", String.valueOf(window), at
            + ".reachabilityDebouncingWindow must be between 1000 and 30000 milliseconds, as the Sync API's"
            + " ReachabilityDebouncingWindow; got " + window);
      }
      ok &= require(at + ".webhooksFromRestEnabled", doc.webhooksFromRestEnabled());
      ok &= require(at + ".reachabilityWebhooksEnabled", doc.reachabilityWebhooksEnabled());
      ok &= require(at + ".aclEnabled", doc.aclEnabled());
      ok &= require(at + ".reachabilityDebouncingEnabled", doc.reachabilityDebouncingEnabled());
      ok &= require(at + ".reachabilityDebouncingWindow", doc.reachabilityDebouncingWindow());
      if (!ok || created == null || updated == null) {
        return null;
      }
      SyncService service = new SyncService(doc.sid(), doc.seq(), created);
      service.dateUpdated = updated;
      service.friendlyName = doc.friendlyName();
      service.webhookUrl = doc.webhookUrl();
      service.webhooksFromRestEnabled = doc.webhooksFromRestEnabled();
      service.reachabilityWebhooksEnabled = doc.reachabilityWebhooksEnabled();
      service.aclEnabled = doc.aclEnabled();
      service.reachabilityDebouncingEnabled = doc.reachabilityDebouncingEnabled();
      service.reachabilityDebouncingWindow = doc.reachabilityDebouncingWindow();
      Map<ObjectType, List<SyncObjectJson>> byType = Map.of(ObjectType.DOCUMENT, orEmpty(at + ".documents", doc.documents()),
          ObjectType.LIST, orEmpty(at + ".lists", doc.lists()), ObjectType.MAP, orEmpty(at + ".maps", doc.maps()),
          ObjectType.STREAM, orEmpty(at + ".streams", doc.streams()));
      for (ObjectType type : TYPES) {
        String field = at + "." + type.wireName() + "s";
        List<SyncObjectJson> objects = byType.get(type);
        for (int i = 0; i < objects.size(); i++) {
          SyncObject object = object(field + "[" + i + "]", type, service.sid, objects.get(i));
          if (object == null) {
            continue;
          }
          SyncService.Registry registry = service.registry(type);
          if (registry.bySid.containsKey(object.sid) || registry.bySeq.containsKey(object.seq)
              || object.uniqueName != null && registry.byUniqueName.containsKey(object.uniqueName)) {
            fail(field + "[" + i + "]", "unique", object.sid, field + "[" + i + "] repeats the sid, seq or uniqueName of another "
                + type.wireName() + " in this service");
            continue;
          }
          registry.add(object);
        }
      }
      return service;
    }

    private SyncObject object(String at, ObjectType type, String serviceSid, SyncObjectJson doc) {
      if (doc == null) {
        fail(at, "required", null, at + " is null; give a " + type.wireName() + " object");
        return null;
      }
      boolean ok = sid(at + ".sid", doc.sid(), type.sidPrefix());
      ok &= nonNegative(at + ".seq", doc.seq());
      seqInUse(at + ".seq", doc.seq());
      ok &= nonNegative(at + ".revision", doc.revision());
      ok &= nonNegative(at + ".eventId", doc.eventId());
      Instant created = instant(at + ".dateCreated", doc.dateCreated(), true);
      Instant updated = instant(at + ".dateUpdated", doc.dateUpdated(), true);
      ok &= notAfterNow(at + ".dateCreated", created) & notAfterNow(at + ".dateUpdated", updated);
      Instant expires = instant(at + ".dateExpires", doc.dateExpires(), false);
      ok &= expiryPair(at, expires, doc.expirySeq());
      JsonNode data = present(doc.data());
      if (type == ObjectType.DOCUMENT) {
        ok &= dataObject(at + ".data", data);
      } else if (data != null) {
        ok = false;
        fail(at + ".data", "documents_only", data.toString(), at + ".data must be null: only documents carry data");
      }
      if (type == ObjectType.LIST) {
        ok &= nonNegative(at + ".nextIndex", doc.nextIndex() == null ? null : doc.nextIndex().longValue());
      } else if (doc.nextIndex() != null) {
        ok = false;
        fail(at + ".nextIndex", "lists_only", String.valueOf(doc.nextIndex()), at + ".nextIndex must be null: only lists have indexes");
      }
      boolean collection = type == ObjectType.LIST || type == ObjectType.MAP;
      if (collection) {
        ok &= require(at + ".items", doc.items());
      } else if (doc.items() != null) {
        ok = false;
        fail(at + ".items", "lists_and_maps_only", "[...]", at + ".items must be null: only lists and maps hold items");
      }
      ok &= require(at + ".permissions", doc.permissions());
      if (!ok || created == null || updated == null) {
        return null;
      }
      SyncObject object = new SyncObject(type, doc.sid(), doc.uniqueName(), doc.seq(), created);
      object.data = data;
      object.revision = doc.revision();
      object.dateUpdated = updated;
      object.eventId = doc.eventId();
      object.nextIndex = type == ObjectType.LIST ? doc.nextIndex() : 0;
      if (expires != null) {
        object.dateExpires = expires;
        object.expiry = new Expiry(expires, doc.expirySeq(), serviceSid, type, object.sid, null);
        expiries.add(object.expiry);
      }
      if (collection) {
        for (int i = 0; i < doc.items().size(); i++) {
          item(at + ".items[" + i + "]", object, serviceSid, doc.items().get(i));
        }
      }
      for (int i = 0; i < doc.permissions().size(); i++) {
        String field = at + ".permissions[" + i + "]";
        Permission p = doc.permissions().get(i);
        if (p == null) {
          fail(field, "required", null, field + " is null; give {identity, read, write, manage}");
          continue;
        }
        if (require(field + ".identity", p.identity()) & require(field + ".read", p.read())
            & require(field + ".write", p.write()) & require(field + ".manage", p.manage())) {
          if (object.permissions.put(p.identity(), new SyncObject.Permission(p.identity(), p.read(), p.write(), p.manage())) != null) {
            fail(field + ".identity", "unique", p.identity(), field + ".identity '" + p.identity() + "' appears twice on this object");
          }
        }
      }
      return object;
    }

    private void item(String at, SyncObject object, String serviceSid, Item doc) {
      if (doc == null) {
        fail(at, "required", null, at + " is null; give an item object");
        return;
      }
      boolean list = object.type == ObjectType.LIST;
      boolean ok = true;
      if (list) {
        ok &= nonNegative(at + ".index", doc.index() == null ? null : doc.index().longValue());
        if (doc.key() != null) {
          ok = false;
          fail(at + ".key", "maps_only", doc.key(), at + ".key must be null: list items have an index, not a key");
        }
        if (doc.index() != null && doc.index() >= object.nextIndex) {
          ok = false;
          fail(at + ".index", "below_next_index", String.valueOf(doc.index()), at + ".index " + doc.index()
              + " must be below the list's nextIndex " + object.nextIndex);
        }
      } else {
        ok &= require(at + ".key", doc.key());
        if (doc.index() != null) {
          ok = false;
          fail(at + ".index", "lists_only", String.valueOf(doc.index()), at + ".index must be null: map items have a key, not an index");
        }
      }
      ok &= nonNegative(at + ".revision", doc.revision());
      JsonNode data = present(doc.data());
      ok &= dataObject(at + ".data", data);
      Instant created = instant(at + ".dateCreated", doc.dateCreated(), true);
      Instant updated = instant(at + ".dateUpdated", doc.dateUpdated(), true);
      ok &= notAfterNow(at + ".dateCreated", created) & notAfterNow(at + ".dateUpdated", updated);
      Instant expires = instant(at + ".dateExpires", doc.dateExpires(), false);
      ok &= expiryPair(at, expires, doc.expirySeq());
      if (!ok || created == null || updated == null) {
        return;
      }
      SyncItem item = new SyncItem(list ? doc.index() : null, list ? null : doc.key(), data, created);
      item.revision = doc.revision();
      item.dateUpdated = updated;
      if (expires != null) {
        item.dateExpires = expires;
        item.expiry = new Expiry(expires, doc.expirySeq(), serviceSid, object.type, object.sid, item.id());
        expiries.add(item.expiry);
      }
      if (object.items().putIfAbsent(item.id(), item) != null) {
        fail(at + (list ? ".index" : ".key"), "unique", String.valueOf(item.id()), at + (list ? ".index " : ".key ")
            + item.id() + " appears twice in this " + object.type.wireName());
      }
    }

    private boolean expiryPair(String at, Instant expires, Long expirySeq) {
      if ((expires == null) != (expirySeq == null)) {
        String field = at + (expires == null ? ".dateExpires" : ".expirySeq");
        fail(field, "required", null, field + " is missing: dateExpires and expirySeq come together (a pending TTL), or neither");
        return false;
      }
      seqInUse(at + ".expirySeq", expirySeq);
      return expirySeq == null || nonNegative(at + ".expirySeq", expirySeq);
    }

    private void seqInUse(String field, Long value) {
      if (value != null && value > highestSeq) {
        highestSeq = value;
        highestSeqField = field;
      }
    }

    private boolean atMost(String field, Long value) {
      if (!nonNegative(field, value)) {
        return false;
      }
      if (value > MAX_SEQ) {
        fail(field, "out_of_range", String.valueOf(value), field + " must be at most " + MAX_SEQ + " (2^53 - 1); got " + value);
        return false;
      }
      return true;
    }

    private boolean notAfterNow(String field, Instant value) {
      if (value != null && now != null && value.isAfter(now)) {
        fail(field, "not_after_now", value.toString(), field + " " + value + " is after the snapshot's now (" + now
            + "): nothing can have happened later than now");
        return false;
      }
      return true;
    }

    private boolean webhookUrl(String field, String value) {
      if (value == null) {
        return true;
      }
      try {
        java.net.URI uri = new java.net.URI(value);
        if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
          return true;
        }
      } catch (java.net.URISyntaxException e) {
        // reported below
      }
      fail(field, "http_url", value, field + " must be an absolute http(s) URL such as http://127.0.0.1:8080/webhooks, or null"
          + " for no webhooks; got " + ControlJson.quote(value));
      return false;
    }

    private boolean dataObject(String field, JsonNode data) {
      if (data == null || !data.isObject()) {
        fail(field, "json_object", data == null ? null : data.toString(), field + " must be a JSON object; got "
            + (data == null ? "nothing" : data.toString()));
        return false;
      }
      return true;
    }

    private static JsonNode present(JsonNode node) {
      return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private boolean sid(String field, String value, String prefix) {
      if (!require(field, value)) {
        return false;
      }
      if (!SidGenerator.looksLikeSid(value, prefix)) {
        fail(field, "sid", value, field + " must be " + prefix + " followed by 32 hex digits; got " + ControlJson.quote(value));
        return false;
      }
      sidsInUse.put(field, value);
      return true;
    }

    private boolean nonNegative(String field, Long value) {
      if (!require(field, value)) {
        return false;
      }
      if (value < 0) {
        fail(field, "non_negative", String.valueOf(value), field + " must be 0 or more; got " + value);
        return false;
      }
      return true;
    }

    private Instant instant(String field, String value, boolean required) {
      if (value == null) {
        if (required) {
          require(field, null);
        }
        return null;
      }
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        fail(field, "iso_instant", value, field + " must be an ISO-8601 UTC instant such as 2026-06-01T12:00:00Z; got "
            + ControlJson.quote(value));
        return null;
      }
    }

    private <T> List<T> orEmpty(String field, List<T> list) {
      return require(field, list) ? list : List.of();
    }

    private boolean require(String field, Object value) {
      if (value == null) {
        fail(field, "required", null, field + " is missing; every snapshot has it (compare with GET /__syncwire/snapshot)");
        return false;
      }
      return true;
    }

    private void fail(String field, String rule, String received, String message) {
      violations.add(new Violation(field, rule, received, message));
    }
  }
}
