package dev.syncwire.harness.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.harness.fake.internal.ErrorCase;
import java.io.IOException;
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
 *
 * <p>Over 500 lines on purpose: it is the whole route table, which reads best as one file.
 */
final class SyncRoutes {
  static final int MAX_DATA_BYTES = 16 * 1024;
  static final int MAX_STREAM_MESSAGE_BYTES = 4 * 1024;

  /** One request; {@code origin} ({@link RequestOrigin}) starts every URL in the answer. */
  record Request(String method, String rawPath, FormParams query, FormParams form, String ifMatch, String origin) {}

  /** A status and the JSON answer's UTF-8 bytes (null: no body, as for 204). */
  record Reply(int status, byte[] json) {
    /** The answer parsed back into a tree: for tests and benchmarks, not the request path. */
    JsonNode body() {
      try {
        return json == null ? null : Json.MAPPER.readTree(json);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Reply reply(int status, Json.Writer writer) {
    return new Reply(status, Json.bytes(writer));
  }

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
      throw SyncError.unknownPath(resource);
    }
    String m = r.method().toUpperCase(Locale.ROOT);
    // Parsed before the lock: the JSON is the costliest part of a write, and needs no state.
    Data data = Data.of(r.form());
    synchronized (store) {
      store.expireDue(store.now());
      if (s.size() == 2) {
        return switch (m) {
          case "GET" -> listServices(r);
          case "POST" -> {
            SyncService created = configure(store.createService(null), r.form());
            yield reply(201, g -> json.service(g, r.origin(), created, store.uniqueName(created)));
          }
          default -> throw methodNotAllowed(m, resource);
        };
      }
      SyncService service = store.service(s.get(2), resource);
      if (s.size() == 3) {
        return switch (m) {
          case "GET" -> reply(200, g -> json.service(g, r.origin(), service, store.uniqueName(service)));
          case "POST" -> {
            configure(service, r.form());
            yield reply(200, g -> json.service(g, r.origin(), service, store.uniqueName(service)));
          }
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
          case "POST" -> createObject(r, data, service, type);
          default -> throw methodNotAllowed(m, resource);
        };
      }
      SyncObject object = store.object(service, type, s.get(4), resource);
      if (s.size() == 5) {
        return switch (m) {
          case "GET" -> reply(200, g -> json.object(g, r.origin(), service.sid, object));
          case "POST" -> updateObject(r, data, service, object);
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
        return publish(r, data, service, object);
      }
      if (s.size() == 6 && items) {
        return switch (m) {
          case "GET" -> listItems(r, service, object);
          case "POST" -> createItem(r, data, service, object);
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
          case "GET" -> reply(200, g -> json.item(g, r.origin(), service.sid, object, item));
          case "POST" -> updateItem(r, data, service, object, item);
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
          case "GET" -> {
            SyncObject.Permission p = store.permission(object, identity, resource);
            yield reply(200, g -> json.permission(g, r.origin(), service.sid, object, p));
          }
          case "POST" -> {
            SyncObject.Permission p = store.grant(object, permission(identity, r.form()));
            yield reply(200, g -> json.permission(g, r.origin(), service.sid, object, p));
          }
          case "DELETE" -> {
            store.permission(object, identity, resource);
            store.revoke(object, identity);
            yield new Reply(204, null);
          }
          default -> throw methodNotAllowed(m, resource);
        };
      }
      throw SyncError.unknownPath(resource);
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
        throw SyncError.invalidParameter("ReachabilityDebouncingWindow was " + value
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
    return reply(200, g -> envelope(g, "services", r, page, result, svc -> json.service(g, r.origin(), svc, store.uniqueName(svc))));
  }

  // ---- objects ----

  private Reply createObject(Request r, Data d, SyncService service, ObjectType type) {
    FormParams f = r.form();
    String uniqueName = f.get("UniqueName");
    JsonNode data = type == ObjectType.DOCUMENT ? d.get(MAX_DATA_BYTES, false) : null;
    Integer ttl = SyncStore.ttl("Ttl", f.get("Ttl"));
    Integer collectionTtl = type == ObjectType.LIST || type == ObjectType.MAP
        ? SyncStore.ttl("CollectionTtl", f.get("CollectionTtl")) : null;
    // CollectionTtl is the newer name of Ttl for lists and maps; it wins when both are given.
    SyncObject object = store.createObject(service, type, uniqueName, data, collectionTtl != null ? collectionTtl : ttl);
    return reply(201, g -> json.object(g, r.origin(), service.sid, object));
  }

  private Reply updateObject(Request r, Data d, SyncService service, SyncObject object) {
    FormParams f = r.form();
    JsonNode data = object.type == ObjectType.DOCUMENT ? d.get(MAX_DATA_BYTES, false) : null;
    Integer ttl = SyncStore.ttl("Ttl", f.get("Ttl"));
    Integer collectionTtl = object.type == ObjectType.LIST || object.type == ObjectType.MAP
        ? SyncStore.ttl("CollectionTtl", f.get("CollectionTtl")) : null;
    if (data == null && ttl == null && collectionTtl == null) {
      throw new SyncError(ErrorCase.NO_PARAMETERS, "No parameters specified: send Data or Ttl to update "
          + object.sid);
    }
    String ifMatch = object.type == ObjectType.DOCUMENT ? r.ifMatch() : null;
    store.updateObject(service, object, data, collectionTtl != null ? collectionTtl : ttl, ifMatch);
    return reply(200, g -> json.object(g, r.origin(), service.sid, object));
  }

  private Reply listObjects(Request r, SyncService service, ObjectType type) {
    Page page = Page.of(r.query(), false);
    Paging.Result<SyncObject> result = Paging.page(
        service.registry(type).bySeq, false, null, true, page.size, page.number, page.token, Long::valueOf);
    String key = switch (type) {
      case DOCUMENT -> "documents";
      case LIST -> "lists";
      case MAP -> "maps";
      default -> "streams";
    };
    return reply(200, g -> envelope(g, key, r, page, result, o -> json.object(g, r.origin(), service.sid, o)));
  }

  private Reply publish(Request r, Data d, SyncService service, SyncObject stream) {
    if (r.form().get("Data") == null) {
      throw new SyncError(ErrorCase.STREAM_MESSAGE_DATA_MISSING, "Stream message Data is missing: send Data as JSON text, e.g. Data={\"typing\":true}");
    }
    JsonNode data = d.get(MAX_STREAM_MESSAGE_BYTES, true);
    String sid = store.nextSid("TZ");
    store.publish(service, stream, sid, Json.text(data));
    return reply(201, g -> json.streamMessage(g, sid, data));
  }

  // ---- items ----

  private Reply createItem(Request r, Data d, SyncService service, SyncObject object) {
    FormParams f = r.form();
    String key = null;
    if (object.type == ObjectType.MAP) {
      key = f.get("Key");
      if (key == null) {
        throw SyncError.missingParameter("Key");
      }
      SyncStore.checkItemKey(key);
    }
    JsonNode data = d.get(MAX_DATA_BYTES, true);
    Integer itemTtl = itemTtl(f);
    Integer collectionTtl = SyncStore.ttl("CollectionTtl", f.get("CollectionTtl"));
    SyncItem item = object.type == ObjectType.LIST
        ? store.addListItem(service, object, data, itemTtl, collectionTtl)
        : store.addMapItem(service, object, key, data, itemTtl, collectionTtl);
    return reply(201, g -> json.item(g, r.origin(), service.sid, object, item));
  }

  private Reply updateItem(Request r, Data d, SyncService service, SyncObject object, SyncItem item) {
    FormParams f = r.form();
    JsonNode data = d.get(MAX_DATA_BYTES, false);
    Integer itemTtl = itemTtl(f);
    Integer collectionTtl = SyncStore.ttl("CollectionTtl", f.get("CollectionTtl"));
    if (data == null && itemTtl == null && collectionTtl == null) {
      throw new SyncError(ErrorCase.NO_PARAMETERS, "No parameters specified: send Data, ItemTtl or CollectionTtl");
    }
    store.updateItem(service, object, item, data, itemTtl, collectionTtl, r.ifMatch());
    return reply(200, g -> json.item(g, r.origin(), service.sid, object, item));
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
      throw SyncError.invalidParameter("Order was '" + order + "'; it must be asc or desc");
    }
    String bounds = q.get("Bounds");
    if (bounds != null && !bounds.equals("inclusive") && !bounds.equals("exclusive")) {
      throw SyncError.invalidParameter("Bounds was '" + bounds + "'; it must be inclusive or exclusive");
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
    return reply(200, g -> envelope(g, "items", r, page, result, i -> json.pageItem(g, r.origin(), service.sid, object, i)));
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
    return reply(200, g -> envelope(g, "permissions", r, page, result,
        p -> json.permission(g, r.origin(), service.sid, object, p)));
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
          throw SyncError.invalidParameter("PageSize was " + size + "; it must be at least 1");
        }
        size = Math.min(size, Paging.MAX_PAGE_SIZE);
      }
      int number = 0;
      String pageText = q.get("Page");
      if (pageText != null) {
        number = integer("Page", pageText);
        if (number < 0) {
          throw SyncError.invalidParameter("Page was " + number + "; it must be 0 or more");
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

  /** One resource of a page, written into the page's generator. */
  @FunctionalInterface
  private interface Element<V> {
    void write(V value) throws IOException;
  }

  private static <V> void envelope(JsonGenerator g, String key, Request r, Page page, Paging.Result<V> result,
      Element<V> element) throws IOException {
    String base = r.origin() + r.rawPath();
    g.writeStartObject();
    g.writeArrayFieldStart(key);
    for (V value : result.values()) {
      element.write(value);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("meta");
    g.writeNumberField("page", page.number);
    g.writeNumberField("page_size", page.size);
    g.writeStringField("first_page_url", page.url(base, 0, null));
    g.writeStringField("previous_page_url", result.previousToken() == null ? null
        : page.url(base, Math.max(0, page.number - 1), result.previousToken()));
    g.writeStringField("url", page.url(base, page.number, page.token));
    g.writeStringField("next_page_url", result.nextToken() == null ? null
        : page.url(base, page.number + 1, result.nextToken()));
    g.writeStringField("key", key);
    g.writeEndObject();
    g.writeEndObject();
  }

  // ---- parameters ----

  /**
   * The Data parameter, measured and parsed up front (outside the store lock); what it means is
   * decided in {@link #get}, where the route needs it, so errors come in the same order as ever.
   */
  private record Data(String text, int bytes, JsonNode node, String parseError) {
    private static final Data ABSENT = new Data(null, 0, null, null);

    static Data of(FormParams f) {
      String text = f.get("Data");
      if (text == null) {
        return ABSENT;
      }
      int bytes = utf8Length(text);
      if (bytes > MAX_DATA_BYTES) {
        return new Data(text, bytes, null, null); // too large for any route: never parsed
      }
      try {
        return new Data(text, bytes, Json.parse(text), null);
      } catch (JsonProcessingException e) {
        return new Data(text, bytes, null, e.getOriginalMessage());
      }
    }

    /** Data as a JSON object of at most {@code limit} UTF-8 bytes. Absent: null, or 400 when required. */
    JsonNode get(int limit, boolean required) {
      if (text == null) {
        if (required) {
          throw SyncError.missingParameter("Data");
        }
        return null;
      }
      if (bytes > limit) {
        throw new SyncError(ErrorCase.DATA_TOO_LARGE, "Request entity too large: Data is " + bytes + " bytes; the limit is "
            + limit + " bytes (" + limit / 1024 + " KiB) of JSON");
      }
      if (parseError != null) {
        throw new SyncError(ErrorCase.INVALID_DATA, "Data is not valid JSON (" + parseError + "): " + abbreviate(text));
      }
      if (node == null || !node.isObject()) {
        throw new SyncError(ErrorCase.INVALID_DATA, "Data must be a JSON object, got: " + abbreviate(text));
      }
      return node;
    }

    private static int utf8Length(String text) {
      int bytes = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          bytes++;
        } else if (c < 0x800) {
          bytes += 2;
        } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          bytes += 4;
          i++;
        } else {
          bytes += 3;
        }
      }
      return bytes;
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
    throw SyncError.invalidParameter(name + " was '" + value + "'; it must be true or false");
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw SyncError.invalidParameter(name + " was '" + value + "'; it must be an integer");
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
    throw SyncError.invalidParameter("WebhookUrl '" + value + "' is not an absolute http(s) URL");
  }

  private static SyncError methodNotAllowed(String method, String resource) {
    return new SyncError(ErrorCase.METHOD_NOT_ALLOWED, "Method " + method + " not allowed on " + resource);
  }

  private static ObjectType objectType(String collection, String resource) {
    return switch (collection) {
      case "Documents" -> ObjectType.DOCUMENT;
      case "Lists" -> ObjectType.LIST;
      case "Maps" -> ObjectType.MAP;
      case "Streams" -> ObjectType.STREAM;
      default -> throw SyncError.unknownPath(resource);
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
