package dev.syncwire.harness.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.ObjectType;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Resources as Twilio writes them: exactly the spec's fields, snake_case, absolute URLs. Each URL
 * starts with the origin the request arrived for ({@link RequestOrigin}): {@code https://sync.twilio.com}
 * through FakeHttpClient, the fake's own address for a client that dials it, so SDKs that follow
 * links as written stay on the fake. Each resource is streamed into a {@link JsonGenerator}: no
 * tree is built only to be serialised.
 */
final class Representation {
  static final String CREATED_BY = "system";

  private final String accountSid;

  Representation(String accountSid) {
    this.accountSid = accountSid;
  }

  static String serviceUrl(String origin, String serviceSid) {
    return origin + "/v1/Services/" + serviceSid;
  }

  static String collection(ObjectType type) {
    return switch (type) {
      case DOCUMENT -> "Documents";
      case LIST -> "Lists";
      case MAP -> "Maps";
      case STREAM -> "Streams";
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  static String objectUrl(String origin, String serviceSid, SyncObject object) {
    return serviceUrl(origin, serviceSid) + "/" + collection(object.type) + "/" + object.sid;
  }

  /** {@code uniqueName}: {@code default} for the default service, else null (no other way to name one). */
  void service(JsonGenerator g, String origin, SyncService s, String uniqueName) throws IOException {
    String url = serviceUrl(origin, s.sid);
    g.writeStartObject();
    g.writeStringField("sid", s.sid);
    g.writeStringField("unique_name", uniqueName);
    g.writeStringField("account_sid", accountSid);
    g.writeStringField("friendly_name", s.friendlyName);
    g.writeStringField("date_created", Json.date(s.dateCreated));
    g.writeStringField("date_updated", Json.date(s.dateUpdated));
    g.writeStringField("url", url);
    g.writeStringField("webhook_url", s.webhookUrl);
    g.writeBooleanField("webhooks_from_rest_enabled", s.webhooksFromRestEnabled);
    g.writeBooleanField("reachability_webhooks_enabled", s.reachabilityWebhooksEnabled);
    g.writeBooleanField("acl_enabled", s.aclEnabled);
    g.writeBooleanField("reachability_debouncing_enabled", s.reachabilityDebouncingEnabled);
    g.writeNumberField("reachability_debouncing_window", s.reachabilityDebouncingWindow);
    g.writeObjectFieldStart("links");
    g.writeStringField("documents", url + "/Documents");
    g.writeStringField("lists", url + "/Lists");
    g.writeStringField("maps", url + "/Maps");
    g.writeStringField("streams", url + "/Streams");
    g.writeEndObject();
    g.writeEndObject();
  }

  void object(JsonGenerator g, String origin, String serviceSid, SyncObject o) throws IOException {
    String url = objectUrl(origin, serviceSid, o);
    g.writeStartObject();
    g.writeStringField("sid", o.sid);
    g.writeStringField("unique_name", o.uniqueName);
    g.writeStringField("account_sid", accountSid);
    g.writeStringField("service_sid", serviceSid);
    g.writeStringField("url", url);
    g.writeObjectFieldStart("links");
    switch (o.type) {
      case DOCUMENT -> g.writeStringField("permissions", url + "/Permissions");
      case LIST, MAP -> {
        g.writeStringField("items", url + "/Items");
        g.writeStringField("permissions", url + "/Permissions");
      }
      case STREAM -> g.writeStringField("messages", url + "/Messages");
      default -> { }
    }
    g.writeEndObject();
    if (o.type != ObjectType.STREAM) {
      g.writeStringField("revision", Revision.text(o.revision));
    }
    if (o.type == ObjectType.DOCUMENT) {
      data(g, o.data);
    }
    g.writeStringField("date_expires", Json.date(o.dateExpires));
    g.writeStringField("date_created", Json.date(o.dateCreated));
    g.writeStringField("date_updated", Json.date(o.dateUpdated));
    g.writeStringField("created_by", CREATED_BY);
    g.writeEndObject();
  }

  void item(JsonGenerator g, String origin, String serviceSid, SyncObject o, SyncItem i) throws IOException {
    boolean list = o.type == ObjectType.LIST;
    g.writeStartObject();
    if (list) {
      g.writeNumberField("index", i.index);
    } else {
      g.writeStringField("key", i.key);
    }
    g.writeStringField("account_sid", accountSid);
    g.writeStringField("service_sid", serviceSid);
    g.writeStringField(list ? "list_sid" : "map_sid", o.sid);
    g.writeStringField("url", objectUrl(origin, serviceSid, o) + "/Items/" + (list ? i.index.toString() : pathSegment(i.key)));
    g.writeStringField("revision", Revision.text(i.revision));
    data(g, i.data);
    g.writeStringField("date_expires", Json.date(i.dateExpires));
    g.writeStringField("date_created", Json.date(i.dateCreated));
    g.writeStringField("date_updated", Json.date(i.dateUpdated));
    g.writeStringField("created_by", CREATED_BY);
    g.writeEndObject();
  }

  /**
   * The same JSON as {@link #item}, for pages: each item's JSON is kept on the item and written
   * again as is while its revision, data and dates are unchanged (a 50-item page was most of the
   * fake's JSON work). The JSON holds the item's URL, so an entry also names its origin. Call
   * under the store lock, like everything that reads items.
   */
  void pageItem(JsonGenerator g, String origin, String serviceSid, SyncObject o, SyncItem i) throws IOException {
    SyncItem.PageEntry entry = i.pageEntry;
    if (entry == null || !entry.shows(i, origin)) {
      byte[] json = Json.bytes(each -> item(each, origin, serviceSid, o, i));
      entry = new SyncItem.PageEntry(origin, i.revision, i.data, i.dateUpdated, i.dateExpires,
          new SerializedString(new String(json, StandardCharsets.UTF_8)));
      i.pageEntry = entry;
    }
    g.writeRawValue(entry.json());
  }

  void permission(JsonGenerator g, String origin, String serviceSid, SyncObject o, SyncObject.Permission p)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("account_sid", accountSid);
    g.writeStringField("service_sid", serviceSid);
    g.writeStringField(o.type.wireName() + "_sid", o.sid);
    g.writeStringField("identity", p.identity());
    g.writeBooleanField("read", p.read());
    g.writeBooleanField("write", p.write());
    g.writeBooleanField("manage", p.manage());
    g.writeStringField("url", objectUrl(origin, serviceSid, o) + "/Permissions/" + pathSegment(p.identity()));
    g.writeEndObject();
  }

  void streamMessage(JsonGenerator g, String sid, JsonNode data) throws IOException {
    g.writeStartObject();
    g.writeStringField("sid", sid);
    data(g, data);
    g.writeEndObject();
  }

  static byte[] error(SyncError e) {
    return Json.bytes(g -> {
      g.writeStartObject();
      g.writeNumberField("code", e.code);
      g.writeStringField("message", e.getMessage());
      g.writeStringField("more_info", "https://www.twilio.com/docs/errors/" + e.code);
      g.writeNumberField("status", e.status);
      g.writeEndObject();
    });
  }

  private static void data(JsonGenerator g, JsonNode data) throws IOException {
    g.writeFieldName("data");
    if (data == null) {
      g.writeNull();
    } else {
      g.writeTree(data);
    }
  }

  static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
