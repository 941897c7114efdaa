package dev.syncwire.harness.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * Every method and path of the Sync v1 API, read in one sitting: parse the request, call the
 * store, render. Paths as in the spec:
 *
 * <pre>
 * /v1/Services[/{Sid}]
 * /v1/Services/{ServiceSid}/{Documents|Lists|Maps|Streams}[/{Sid or UniqueName}]
 * /v1/Services/{ServiceSid}/{Lists|Maps}/{Sid}/Items[/{Index or Key}]
 * /v1/Services/{ServiceSid}/{Documents|Lists|Maps}/{Sid}/Permissions[/{Identity}]
 * /v1/Services/{ServiceSid}/Streams/{Sid}/Messages            (POST only)
 * </pre>
 */
final class SyncRoutes {
  static final int MAX_DATA_BYTES = 16 * 1024;
  static final int MAX_STREAM_MESSAGE_BYTES = 4 * 1024;

  record Request(String method, String rawPath, FormParams query, FormParams form, String ifMatch) {}

  record Reply(int status, JsonNode body) {}

  private final SyncStore store;
  private final Representation json;

  SyncRoutes(SyncStore store) {
    this.store = store;
    this.json = new Representation(store.accountSid());
  }

  Reply handle(Request r) {
    String path = r.rawPath();
    String resource = path.startsWith("/v1/") ? path.substring(3) : path;
    List<String> s = segments(path);
    if (s.size() < 2 || !s.get(0).equals("v1") || !s.get(1).equals("Services")) {
      throw SyncError.notFound(resource);
    }
    String m = r.method().toUpperCase(Locale.ROOT);
    synchronized (store) {
      store.expireDue(store.now());
      if (s.size() == 2) {
        return switch (m) {
          case "GET" -> listServices(r);
          case "POST" -> new Reply(201, json.service(configure(store.createService(null), r.form())));
          default -> throw methodNotAllowed(m, resource);
        };
      }
      SyncService service = store.service(s.get(2), resource);
      if (s.size() == 3) {
        return switch (m) {
          case "GET" -> new Reply(200, json.service(service));
          case "POST" -> new Reply(200, json.service(configure(service, r.form())));
          case "DELETE" -> {
            store.deleteService(service);
            yield new Reply(204, null);
          }
          default -> throw methodNotAllowed(m, resource);
        };
      }
      ObjectType type = objectType(s.get(3), resource);
      if (s.size() == 4) {
        return switch (m) {
          case "GET" -> listObjects(r, service, type);
          case "POST" -> createObject(r, service, type);
          default -> throw methodNotAllowed(m, resource);
        };
      }
      SyncObject object = store.object(service, type, s.get(4), resource);
      if (s.size() == 5) {
        return switch (m) {
          case "GET" -> new Reply(200, json.object(service.sid, object));
          case "POST" -> updateObject(r, service, object);
          case "DELETE" -> {
            store.deleteObject(service, object);
            yield new Reply(204, null);
          }
          default -> throw methodNotAllowed(m, resource);
        };
      }
      String child = s.get(5);
      boolean items = child.equals("Items") && (type == ObjectType.LIST || type == ObjectType.MAP);
      boolean permissions = child.equals("Permissions") && type != ObjectType.STREAM;
      boolean messages = child.equals("Messages") && type == ObjectType.STREAM;
      if (s.size() == 6 && messages) {
        if (!m.equals("POST")) {
          throw methodNotAllowed(m, resource);
        }
        return publish(r, service, object);
      }
      if (s.size() == 6 && items) {
        return switch (m) {
          case "GET" -> listItems(r, service, object);
          case "POST" -> createItem(r, service, object);
          default -> throw methodNotAllowed(m, resource);
        };
      }
      if (s.size() == 6 && permissions) {
        if (!m.equals("GET")) {
          throw methodNotAllowed(m, resource);
        }
        return listPermissions(r, service, object);
      }
      if (s.size() == 7 && items) {
        SyncItem item = store.item(object, itemId(object, s.get(6), resource), resource);
        return switch (m) {
          case "GET" -> new Reply(200, json.item(service.sid, object, item));
          case "POST" -> updateItem(r, service, object, item);
          case "DELETE" -> {
            store.deleteItem(service, object, item, r.ifMatch());
            yield new Reply(204, null);
          }
          default -> throw methodNotAllowed(m, resource);
        };
      }
      if (s.size() == 7 && permissions) {
        String identity = s.get(6);
        return switch (m) {
          case "GET" -> new Reply(200, json.permission(service.sid, object, store.permission(object, identity, resource)));
          case "POST" -> new Reply(200, json.permission(service.sid, object, store.grant(object, permission(identity, r.form()))));
          case "DELETE" -> {
            store.permission(object, identity, resource);
            store.revoke(object, identity);
            yield new Reply(204, null);
          }
          default -> throw methodNotAllowed(m, resource);
        };
      }
      throw SyncError.notFound(resource);
    }
  }

  // ---- services ----

  private SyncService configure(SyncService service, FormParams form) {
    String friendlyName = form.get("FriendlyName");
    if (friendlyName != null) {
      service.friendlyName = friendlyName;
    }
    String webhookUrl = form.get("WebhookUrl");
    if (webhookUrl != null) {
      service.webhookUrl = webhookUrl.isEmpty() ? null : absoluteUrl(webhookUrl);
    }
    Boolean b;
    if ((b = bool(form, "WebhooksFromRestEnabled")) != null) {
      service.webhooksFromRestEnabled = b;
    }
    if ((b = bool(form, "ReachabilityWebhooksEnabled")) != null) {
      service.reachabilityWebhooksEnabled = b;
    }
    if ((b = bool(form, "AclEnabled")) != null) {
      service.aclEnabled = b;
    }
    if ((b = bool(form, "ReachabilityDebouncingEnabled")) != null) {
      service.reachabilityDebouncingEnabled = b;
    }
    String window = form.get("ReachabilityDebouncingWindow");
    if (window != null) {
      int value = integer("ReachabilityDebouncingWindow", window);
      if (value < 1000 || value > 30000) {
        throw SyncError.badRequest(20001, "ReachabilityDebouncingWindow was " + value
            + "; it must be between 1000 and 30000 milliseconds");
      }
      service.reachabilityDebouncingWindow = value;
    }
    service.dateUpdated = store.now();
    return service;
  }

  private Reply listServices(Request r) {
    Page page = Page.of(r.query(), false);
    NavigableMap<Long, SyncService> all = store.services();
    Paging.Result<SyncService> result =
        Paging.page(all, false, null, true, page.size, page.number, page.token, Long::valueOf);
    ArrayNode list = Json.MAPPER.createArrayNode();
    result.values().forEach(svc -> list.add(json.service(svc)));
    return new Reply(200, envelope("services", list, r.rawPath(), page, result));
  }

  // ---- objects ----

  private Reply createObject(Request r, SyncService service, ObjectType type) {
    FormParams f = r.form();
    String uniqueName = f.get("UniqueName");
    JsonNode data = type == ObjectType.DOCUMENT ? data(f, MAX_DATA_BYTES, false) : null;
    Integer ttl = SyncStore.ttl("Ttl", f.get("Ttl"));
    Integer collectionTtl = type == ObjectType.LIST || type == ObjectType.MAP
        ? SyncStore.ttl("CollectionTtl", f.get("CollectionTtl")) : null;
    // CollectionTtl is the newer name of Ttl for lists and maps; it wins when both are given.
    SyncObject object = store.createObject(service, type, uniqueName, data, collectionTtl != null ? collectionTtl : ttl);
    return new Reply(201, json.object(service.sid, object));
  }

  private Reply updateObject(Request r, SyncService service, SyncObject object) {
    FormParams f = r.form();
    JsonNode data = object.type == ObjectType.DOCUMENT ? data(f, MAX_DATA_BYTES, false) : null;
    Integer ttl = SyncStore.ttl("Ttl", f.get("Ttl"));
    Integer collectionTtl = object.type == ObjectType.LIST || object.type == ObjectType.MAP
        ? SyncStore.ttl("CollectionTtl", f.get("CollectionTtl")) : null;
    if (data == null && ttl == null && collectionTtl == null) {
      throw SyncError.badRequest(54010, "No parameters specified: send Data or Ttl to update "
          + object.sid);
    }
    String ifMatch = object.type == ObjectType.DOCUMENT ? r.ifMatch() : null;
    store.updateObject(service, object, data, collectionTtl != null ? collectionTtl : ttl, ifMatch);
    return new Reply(200, json.object(service.sid, object));
  }

  private Reply listObjects(Request r, SyncService service, ObjectType type) {
    Page page = Page.of(r.query(), false);
    Paging.Result<SyncObject> result = Paging.page(
        service.registry(type).bySeq, false, null, true, page.size, page.number, page.token, Long::valueOf);
    ArrayNode list = Json.MAPPER.createArrayNode();
    result.values().forEach(o -> list.add(json.object(service.sid, o)));
    String key = switch (type) {
      case DOCUMENT -> "documents";
      case LIST -> "lists";
      case MAP -> "maps";
      default -> "streams";
    };
    return new Reply(200, envelope(key, list, r.rawPath(), page, result));
  }

  private Reply publish(Request r, SyncService service, SyncObject stream) {
    if (r.form().get("Data") == null) {
      throw SyncError.badRequest(54251, "Stream message Data is missing: send Data as JSON text, e.g. Data={\"typing\":true}");
    }
    JsonNode data = data(r.form(), MAX_STREAM_MESSAGE_BYTES, true);
    String sid = store.nextSid("TZ");
    store.publish(service, stream, sid, Json.text(data));
    return new Reply(201, json.streamMessage(sid, data));
  }

  // ---- items ----

  private Reply createItem(Request r, SyncService service, SyncObject object) {
    FormParams f = r.form();
    String key = null;
    if (object.type == ObjectType.MAP) {
      key = f.get("Key");
      if (key == null) {
        throw SyncError.missingParameter("Key");
      }
      if (key.isEmpty() || key.length() > 256) {
        throw SyncError.badRequest(54209, "Invalid map item key '" + key + "': it must be 1 to 256 characters");
      }
    }
    JsonNode data = data(f, MAX_DATA_BYTES, true);
    Integer itemTtl = itemTtl(f);
    Integer collectionTtl = SyncStore.ttl("CollectionTtl", f.get("CollectionTtl"));
    SyncItem item = object.type == ObjectType.LIST
        ? store.addListItem(service, object, data, itemTtl, collectionTtl)
        : store.addMapItem(service, object, key, data, itemTtl, collectionTtl);
    return new Reply(201, json.item(service.sid, object, item));
  }

  private Reply updateItem(Request r, SyncService service, SyncObject object, SyncItem item) {
    FormParams f = r.form();
    JsonNode data = data(f, MAX_DATA_BYTES, false);
    Integer itemTtl = itemTtl(f);
    Integer collectionTtl = SyncStore.ttl("CollectionTtl", f.get("CollectionTtl"));
    if (data == null && itemTtl == null && collectionTtl == null) {
      throw SyncError.badRequest(54010, "No parameters specified: send Data, ItemTtl or CollectionTtl");
    }
    store.updateItem(service, object, item, data, itemTtl, collectionTtl, r.ifMatch());
    return new Reply(200, json.item(service.sid, object, item));
  }

  /** ItemTtl, or its older alias Ttl, which the spec says is ignored when both are given. */
  private static Integer itemTtl(FormParams f) {
    Integer itemTtl = SyncStore.ttl("ItemTtl", f.get("ItemTtl"));
    Integer ttl = SyncStore.ttl("Ttl", f.get("Ttl"));
    return itemTtl != null ? itemTtl : ttl;
  }

  private Reply listItems(Request r, SyncService service, SyncObject object) {
    FormParams q = r.query();
    Page page = Page.of(q, true);
    String order = q.get("Order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw SyncError.badRequest(20001, "Order was '" + order + "'; it must be asc or desc");
    }
    String bounds = q.get("Bounds");
    if (bounds != null && !bounds.equals("inclusive") && !bounds.equals("exclusive")) {
      throw SyncError.badRequest(20001, "Bounds was '" + bounds + "'; it must be inclusive or exclusive");
    }
    String fromText = q.get("From");
    Paging.Result<SyncItem> result;
    boolean descending = "desc".equals(order);
    boolean inclusive = !"exclusive".equals(bounds);
    if (object.type == ObjectType.LIST) {
      Integer from = fromText == null ? null : integer("From", fromText);
      result = Paging.page(object.listItems, descending, from, inclusive, page.size, page.number, page.token, Integer::valueOf);
    } else {
      result = Paging.page(object.mapItems, descending, fromText, inclusive, page.size, page.number, page.token, Function.identity());
    }
    ArrayNode list = Json.MAPPER.createArrayNode();
    result.values().forEach(i -> list.add(json.item(service.sid, object, i)));
    return new Reply(200, envelope("items", list, r.rawPath(), page, result));
  }

  private Object itemId(SyncObject object, String segment, String resource) {
    if (object.type == ObjectType.MAP) {
      return segment;
    }
    try {
      return Integer.valueOf(segment);
    } catch (NumberFormatException e) {
      throw SyncError.notFound(resource);
    }
  }

  // ---- permissions ----

  private static SyncObject.Permission permission(String identity, FormParams f) {
    Boolean read = bool(f, "Read");
    Boolean write = bool(f, "Write");
    Boolean manage = bool(f, "Manage");
    if (read == null || write == null || manage == null) {
      throw SyncError.missingParameter(read == null ? "Read" : write == null ? "Write" : "Manage");
    }
    return new SyncObject.Permission(identity, read, write, manage);
  }

  private Reply listPermissions(Request r, SyncService service, SyncObject object) {
    Page page = Page.of(r.query(), false);
    Paging.Result<SyncObject.Permission> result = Paging.page(
        object.permissions, false, null, true, page.size, page.number, page.token, Function.identity());
    ArrayNode list = Json.MAPPER.createArrayNode();
    result.values().forEach(p -> list.add(json.permission(service.sid, object, p)));
    return new Reply(200, envelope("permissions", list, r.rawPath(), page, result));
  }

  // ---- paging envelope ----

  /** PageSize, Page, PageToken and the filters (From, Bounds, Order) that every page URL repeats. */
  private record Page(int size, int number, String token, String filters) {
    static Page of(FormParams q, boolean itemFilters) {
      int size = Paging.DEFAULT_PAGE_SIZE;
      String sizeText = q.get("PageSize");
      if (sizeText != null) {
        size = integer("PageSize", sizeText);
        if (size < 1) {
          throw SyncError.badRequest(20001, "PageSize was " + size + "; it must be at least 1");
        }
        size = Math.min(size, Paging.MAX_PAGE_SIZE);
      }
      int number = 0;
      String pageText = q.get("Page");
      if (pageText != null) {
        number = integer("Page", pageText);
        if (number < 0) {
          throw SyncError.badRequest(20001, "Page was " + number + "; it must be 0 or more");
        }
      }
      StringBuilder filters = new StringBuilder();
      if (itemFilters) {
        for (String name : new String[] {"From", "Bounds", "Order"}) {
          String value = q.get(name);
          if (value != null) {
            filters.append(name).append('=').append(Representation.pathSegment(value)).append('&');
          }
        }
      }
      return new Page(size, number, q.get("PageToken"), filters.toString());
    }

    String url(String base, int page, String token) {
      return base + "?" + filters + "PageSize=" + size + "&Page=" + page
          + (token == null ? "" : "&PageToken=" + token);
    }
  }

  private static <V> ObjectNode envelope(String key, ArrayNode list, String rawPath, Page page, Paging.Result<V> result) {
    String base = "https://sync.twilio.com" + rawPath;
    ObjectNode n = Json.object();
    n.set(key, list);
    ObjectNode meta = n.putObject("meta");
    meta.put("page", page.number);
    meta.put("page_size", page.size);
    meta.put("first_page_url", page.url(base, 0, null));
    meta.put("previous_page_url", result.previousToken() == null ? null
        : page.url(base, Math.max(0, page.number - 1), result.previousToken()));
    meta.put("url", page.url(base, page.number, page.token));
    meta.put("next_page_url", result.nextToken() == null ? null
        : page.url(base, page.number + 1, result.nextToken()));
    meta.put("key", key);
    return n;
  }

  // ---- parameters ----

  /** Data as JSON text, at most {@code limit} UTF-8 bytes. Absent: null, or 400 when required. */
  private static JsonNode data(FormParams f, int limit, boolean required) {
    String text = f.get("Data");
    if (text == null) {
      if (required) {
        throw SyncError.missingParameter("Data");
      }
      return null;
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limit) {
      throw new SyncError(413, 54006, "Request entity too large: Data is " + bytes + " bytes; the limit is "
          + limit + " bytes (" + limit / 1024 + " KiB) of JSON");
    }
    try {
      JsonNode node = Json.parse(text);
      if (node == null || !node.isObject()) {
        throw SyncError.badRequest(20001, "Data must be a JSON object, got: " + abbreviate(text));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw SyncError.badRequest(20001, "Data is not valid JSON (" + e.getOriginalMessage() + "): " + abbreviate(text));
    }
  }

  private static Boolean bool(FormParams f, String name) {
    String value = f.get(name);
    if (value == null) {
      return null;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw SyncError.badRequest(20001, name + " was '" + value + "'; it must be true or false");
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw SyncError.badRequest(20001, name + " was '" + value + "'; it must be an integer");
    }
  }

  private static String absoluteUrl(String value) {
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute() && uri.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw SyncError.badRequest(20001, "WebhookUrl '" + value + "' is not an absolute http(s) URL");
  }

  private static SyncError methodNotAllowed(String method, String resource) {
    return new SyncError(405, 20004, "Method " + method + " not allowed on " + resource);
  }

  private static ObjectType objectType(String collection, String resource) {
    return switch (collection) {
      case "Documents" -> ObjectType.DOCUMENT;
      case "Lists" -> ObjectType.LIST;
      case "Maps" -> ObjectType.MAP;
      case "Streams" -> ObjectType.STREAM;
      default -> throw SyncError.notFound(resource);
    };
  }

  /** Path segments, each percent-decoded on its own so an encoded '/' in a key stays in the key. */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>(8);
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
