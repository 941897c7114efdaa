package dev.syncwire.harness.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwire.fixtures.ObjectType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Resources as Twilio writes them: exactly the spec's fields, snake_case, absolute
 * {@code https://sync.twilio.com/v1/...} URLs (what Twilio returns; FakeHttpClient redirects them).
 */
final class Representation {
  static final String API_BASE = "https://sync.twilio.com/v1";
  static final String CREATED_BY = "system";

  private final String accountSid;

  Representation(String accountSid) {
    this.accountSid = accountSid;
  }

  static String serviceUrl(String serviceSid) {
    return API_BASE + "/Services/" + serviceSid;
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

  static String objectUrl(String serviceSid, SyncObject object) {
    return serviceUrl(serviceSid) + "/" + collection(object.type) + "/" + object.sid;
  }

  ObjectNode service(SyncService s) {
    ObjectNode n = Json.object();
    String url = serviceUrl(s.sid);
    n.put("sid", s.sid);
    n.putNull("unique_name");
    n.put("account_sid", accountSid);
    n.put("friendly_name", s.friendlyName);
    n.put("date_created", Json.date(s.dateCreated));
    n.put("date_updated", Json.date(s.dateUpdated));
    n.put("url", url);
    n.put("webhook_url", s.webhookUrl);
    n.put("webhooks_from_rest_enabled", s.webhooksFromRestEnabled);
    n.put("reachability_webhooks_enabled", s.reachabilityWebhooksEnabled);
    n.put("acl_enabled", s.aclEnabled);
    n.put("reachability_debouncing_enabled", s.reachabilityDebouncingEnabled);
    n.put("reachability_debouncing_window", s.reachabilityDebouncingWindow);
    ObjectNode links = n.putObject("links");
    links.put("documents", url + "/Documents");
    links.put("lists", url + "/Lists");
    links.put("maps", url + "/Maps");
    links.put("streams", url + "/Streams");
    return n;
  }

  ObjectNode object(String serviceSid, SyncObject o) {
    ObjectNode n = Json.object();
    String url = objectUrl(serviceSid, o);
    n.put("sid", o.sid);
    n.put("unique_name", o.uniqueName);
    n.put("account_sid", accountSid);
    n.put("service_sid", serviceSid);
    n.put("url", url);
    ObjectNode links = n.putObject("links");
    switch (o.type) {
      case DOCUMENT -> links.put("permissions", url + "/Permissions");
      case LIST, MAP -> {
        links.put("items", url + "/Items");
        links.put("permissions", url + "/Permissions");
      }
      case STREAM -> links.put("messages", url + "/Messages");
      default -> { }
    }
    if (o.type != ObjectType.STREAM) {
      n.put("revision", Long.toString(o.revision));
    }
    if (o.type == ObjectType.DOCUMENT) {
      n.set("data", o.data);
    }
    n.put("date_expires", Json.date(o.dateExpires));
    n.put("date_created", Json.date(o.dateCreated));
    n.put("date_updated", Json.date(o.dateUpdated));
    n.put("created_by", CREATED_BY);
    return n;
  }

  ObjectNode item(String serviceSid, SyncObject o, SyncItem i) {
    ObjectNode n = Json.object();
    String base = objectUrl(serviceSid, o) + "/Items/";
    if (o.type == ObjectType.LIST) {
      n.put("index", i.index);
    } else {
      n.put("key", i.key);
    }
    n.put("account_sid", accountSid);
    n.put("service_sid", serviceSid);
    n.put(o.type == ObjectType.LIST ? "list_sid" : "map_sid", o.sid);
    n.put("url", base + (o.type == ObjectType.LIST ? i.index.toString() : pathSegment(i.key)));
    n.put("revision", Long.toString(i.revision));
    n.set("data", i.data);
    n.put("date_expires", Json.date(i.dateExpires));
    n.put("date_created", Json.date(i.dateCreated));
    n.put("date_updated", Json.date(i.dateUpdated));
    n.put("created_by", CREATED_BY);
    return n;
  }

  ObjectNode permission(String serviceSid, SyncObject o, SyncObject.Permission p) {
    ObjectNode n = Json.object();
    n.put("account_sid", accountSid);
    n.put("service_sid", serviceSid);
    n.put(o.type.wireName() + "_sid", o.sid);
    n.put("identity", p.identity());
    n.put("read", p.read());
    n.put("write", p.write());
    n.put("manage", p.manage());
    n.put("url", objectUrl(serviceSid, o) + "/Permissions/" + pathSegment(p.identity()));
    return n;
  }

  ObjectNode streamMessage(String sid, com.fasterxml.jackson.databind.JsonNode data) {
    ObjectNode n = Json.object();
    n.put("sid", sid);
    n.set("data", data);
    return n;
  }

  static ObjectNode error(SyncError e) {
    ObjectNode n = Json.object();
    n.put("code", e.code);
    n.put("message", e.getMessage());
    n.put("more_info", "https://www.twilio.com/docs/errors/" + e.code);
    n.put("status", e.status);
    return n;
  }

  static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
