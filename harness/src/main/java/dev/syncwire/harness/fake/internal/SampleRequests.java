package dev.syncwire.harness.fake.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests that exercise each spec operation once: a fixture to make first (one of each object,
 * all named {@code fixture}, with an item and a permission), then the operation with its path
 * filled in and a valid value for every body parameter. Webhooks stay off (no
 * {@code WebhooksFromRestEnabled=true}) and the only URL is on the loopback discard port.
 */
public final class SampleRequests {
  /** The unique name of every object the fixture makes. */
  public static final String NAME = "fixture";
  public static final String MAP_KEY = "key";
  public static final String IDENTITY = "alice";

  /** A valid value for each body parameter the spec names. */
  public static final Map<String, String> VALUES = Map.ofEntries(
      Map.entry("FriendlyName", "coverage"),
      Map.entry("WebhookUrl", "http://127.0.0.1:9/coverage"),
      Map.entry("WebhooksFromRestEnabled", "false"),
      Map.entry("ReachabilityWebhooksEnabled", "false"),
      Map.entry("AclEnabled", "true"),
      Map.entry("ReachabilityDebouncingEnabled", "true"),
      Map.entry("ReachabilityDebouncingWindow", "5000"),
      Map.entry("UniqueName", "coverage-new"),
      Map.entry("Key", "coverage-new"),
      Map.entry("Data", "{\"coverage\":true}"),
      Map.entry("Ttl", "3600"),
      Map.entry("ItemTtl", "3600"),
      Map.entry("CollectionTtl", "3600"),
      Map.entry("Read", "true"),
      Map.entry("Write", "true"),
      Map.entry("Manage", "true"));

  /** One request: method, path (raw, as sent) and form parameters in order. */
  public record Request(String method, String path, Map<String, String> form) {
    /** The form as {@code application/x-www-form-urlencoded} text. */
    public String body() {
      StringBuilder b = new StringBuilder();
      form.forEach((name, value) -> b.append(b.length() == 0 ? "" : "&").append(name).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
      return b.toString();
    }
  }

  private SampleRequests() {}

  /** What to make, in order, before each operation, in the service {@code serviceSid}. */
  public static List<Request> fixture(String serviceSid) {
    String svc = "/v1/Services/" + serviceSid;
    List<Request> fixture = new ArrayList<>();
    fixture.add(post(svc + "/Documents", "UniqueName", NAME, "Data", "{\"n\":1}", "Ttl", "3600"));
    for (String collection : List.of("Lists", "Maps", "Streams")) {
      fixture.add(post(svc + "/" + collection, "UniqueName", NAME, "Ttl", "3600"));
    }
    fixture.add(post(svc + "/Lists/" + NAME + "/Items", "Data", "{\"n\":1}", "ItemTtl", "3600"));
    fixture.add(post(svc + "/Maps/" + NAME + "/Items", "Key", MAP_KEY, "Data", "{\"n\":1}", "ItemTtl", "3600"));
    for (String collection : List.of("Documents", "Lists", "Maps")) {
      fixture.add(post(svc + "/" + collection + "/" + NAME + "/Permissions/" + IDENTITY,
          "Read", "true", "Write", "false", "Manage", "false"));
    }
    return fixture;
  }

  /**
   * {@code operation} on the fixture: every path parameter filled (services: {@code serviceSid};
   * objects: {@code fixture}; list item 0; map item {@code key}; identity {@code alice}) and each
   * body parameter the spec lists given its {@link #VALUES value}. A parameter with no value
   * stays in braces, so the request fails and shows as not served.
   */
  public static Request of(SyncSpec spec, SyncSpec.Operation operation, String serviceSid) {
    StringBuilder path = new StringBuilder();
    String previous = "";
    for (String segment : operation.path().substring(1).split("/")) {
      String value = segment;
      if (segment.startsWith("{")) {
        value = switch (previous) {
          case "Services" -> serviceSid;
          case "Documents", "Lists", "Maps", "Streams" -> NAME;
          case "Items" -> segment.equals("{Index}") ? "0" : MAP_KEY;
          case "Permissions" -> IDENTITY;
          default -> segment;
        };
      }
      path.append('/').append(value);
      previous = segment;
    }
    Map<String, String> form = new LinkedHashMap<>();
    if (operation.method().equals("POST")) {
      spec.json().path("paths").path(operation.path()).path("post").path("requestBody").path("content")
          .path("application/x-www-form-urlencoded").path("schema").path("properties").fieldNames()
          .forEachRemaining(name -> {
            if (VALUES.containsKey(name)) {
              form.put(name, VALUES.get(name));
            }
          });
    }
    return new Request(operation.method(), path.toString(), form);
  }

  private static Request post(String path, String... nameValues) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      form.put(nameValues[i], nameValues[i + 1]);
    }
    return new Request("POST", path, form);
  }
}
