package dev.syncwire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.Service;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.SyncStream;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import com.twilio.rest.sync.v1.service.syncstream.StreamMessage;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.harness.fake.FakeHttpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code trigger --via-fake}: makes a Sync change through a running fake's REST API with
 * twilio-java, so the webhook is exactly what the fake emits to its service's {@code webhook_url}.
 * Objects an event needs (the map of a {@code map_item_updated}, say) are created first, which
 * fires their own webhooks; every call is printed.
 */
final class FakeTrigger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TwilioRestClient client;
  private final String service;
  private final String baseUrl;
  private final String controlToken;
  private final PrintWriter out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  FakeTrigger(String baseUrl, String accountSid, String authToken, String serviceSid, String controlToken, PrintWriter out) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.client = new TwilioRestClient.Builder(accountSid, authToken).httpClient(new FakeHttpClient(this.baseUrl)).build();
    this.service = serviceSid;
    this.controlToken = controlToken;
    this.out = out;
  }

  /** Where the service's webhooks go; null when it has no webhook_url or REST changes fire none (then says why on {@code err}). */
  String webhookTarget(PrintWriter err) {
    Service s = Service.fetcher(service).fetch(client);
    if (s.getWebhookUrl() == null) {
      err.println("note: service " + service + " has no webhook_url, so the fake sends no webhook for this change;"
          + " run `syncwire up`, or `syncwire fake --webhook-url URL --webhooks-from-rest`.");
      return null;
    }
    if (!Boolean.TRUE.equals(s.getWebhooksFromRestEnabled())) {
      err.println("note: service " + service + " has webhooks_from_rest_enabled off (Twilio's default), so REST changes fire"
          + " no webhook; run `syncwire up`, or `syncwire fake --webhooks-from-rest`.");
      return null;
    }
    return s.getWebhookUrl().toString();
  }

  /** Makes the change that fires {@code type} on {@code object}; {@code key}, {@code index} and {@code data} as given or null. */
  void fire(EventType type, String object, String key, Long index, String data) {
    Object value = data == null ? null : parse(data);
    switch (type) {
      case DOCUMENT_CREATED -> {
        say("documents.create({uniqueName: '" + object + "'})");
        Document.creator(service).setUniqueName(object).setData(value).create(client);
      }
      case DOCUMENT_UPDATED -> {
        ensureDocument(object);
        say("documents('" + object + "').update({data})");
        Document.updater(service, object).setData(value == null ? Map.of() : value).update(client);
      }
      case DOCUMENT_REMOVED -> {
        ensureDocument(object);
        say("documents('" + object + "').remove()");
        Document.deleter(service, object).delete(client);
      }
      case LIST_CREATED -> {
        say("syncLists.create({uniqueName: '" + object + "'})");
        SyncList.creator(service).setUniqueName(object).create(client);
      }
      case LIST_REMOVED -> {
        ensureList(object);
        say("syncLists('" + object + "').remove()");
        SyncList.deleter(service, object).delete(client);
      }
      case LIST_ITEM_ADDED -> {
        ensureList(object);
        say("syncLists('" + object + "').syncListItems.create({data})");
        SyncListItem.creator(service, object, value == null ? Map.of() : value).create(client);
      }
      case LIST_ITEM_UPDATED -> {
        int at = ensureListItem(object, index);
        say("syncLists('" + object + "').syncListItems(" + at + ").update({data})");
        SyncListItem.updater(service, object, at).setData(value == null ? Map.of() : value).update(client);
      }
      case LIST_ITEM_REMOVED -> {
        int at = ensureListItem(object, index);
        say("syncLists('" + object + "').syncListItems(" + at + ").remove()");
        SyncListItem.deleter(service, object, at).delete(client);
      }
      case MAP_CREATED -> {
        say("syncMaps.create({uniqueName: '" + object + "'})");
        SyncMap.creator(service).setUniqueName(object).create(client);
      }
      case MAP_REMOVED -> {
        ensureMap(object);
        say("syncMaps('" + object + "').remove()");
        SyncMap.deleter(service, object).delete(client);
      }
      case MAP_ITEM_ADDED -> {
        ensureMap(object);
        say("syncMaps('" + object + "').syncMapItems.create({key: '" + key + "', data})");
        SyncMapItem.creator(service, object, key, value == null ? Map.of() : value).create(client);
      }
      case MAP_ITEM_UPDATED -> {
        ensureMapItem(object, key);
        say("syncMaps('" + object + "').syncMapItems('" + key + "').update({data})");
        SyncMapItem.updater(service, object, key).setData(value == null ? Map.of() : value).update(client);
      }
      case MAP_ITEM_REMOVED -> {
        ensureMapItem(object, key);
        say("syncMaps('" + object + "').syncMapItems('" + key + "').remove()");
        SyncMapItem.deleter(service, object, key).delete(client);
      }
      case STREAM_MESSAGE_PUBLISHED -> {
        ensureStream(object);
        say("syncStreams('" + object + "').streamMessages.create({data})");
        StreamMessage.creator(service, object, value == null ? Map.of() : value).create(client);
      }
      default -> throw new IllegalArgumentException(type.wireName() + " comes from a client SDK connection, not a REST call;"
          + " the fake cannot make it. Send the fixture instead: leave out --via-fake");
    }
  }

  /** The seed's four patterns as their REST calls, TTLs included; on a manual clock, time is moved so the TTLs run out. */
  void pattern(String name) {
    switch (name) {
      case "presence" -> {
        String map = "user-presence";
        ensureMap(map);
        removeMapItemIfPresent(map, "user-123");
        say("syncMaps('user-presence').syncMapItems.create({key: 'user-123', data: {status: 'online', ...}, ttl: 300})");
        SyncMapItem.creator(service, map, "user-123", parse("{\"status\":\"online\",\"lastSeen\":\"" + now() + "\",\"device\":\"web\"}"))
            .setTtl(300).create(client);
        say("syncMaps('user-presence').syncMapItems('user-123').update({data: {status: 'away', ...}, ttl: 300})");
        SyncMapItem.updater(service, map, "user-123").setData(parse("{\"status\":\"away\",\"lastSeen\":\"" + now() + "\",\"device\":\"web\"}"))
            .setTtl(300).update(client);
        advance("PT5M", "user-123's ttl (300 s) runs out with no heartbeat");
      }
      case "call-state" -> {
        String doc = "call-CA" + "0".repeat(30) + "01";
        removeDocumentIfPresent(doc);
        say("documents.create({uniqueName: '" + doc + "', data: {stage: 'greeting', ...}, ttl: 3600})");
        Document.creator(service).setUniqueName(doc).setTtl(3600)
            .setData(parse("{\"stage\":\"greeting\",\"selections\":[],\"startTime\":\"" + now() + "\"}")).create(client);
        say("documents('" + doc + "').update({data: {...callState, stage: 'menu', selections: ['1']}})");
        Document.updater(service, doc)
            .setData(parse("{\"stage\":\"menu\",\"selections\":[\"1\"],\"startTime\":\"" + now() + "\"}")).update(client);
        advance("PT1H", "the document's ttl (3600 s) runs out");
      }
      case "activity-feed" -> {
        String list = "activity-feed";
        ensureList(list);
        feedItem("user-123", "login", "web");
        advance("PT5M", null);
        feedItem("user-456", "comment", "Nice!");
        advance("PT55M", null);
        feedItem("user-123", "logout", "web");
        advance("PT167H", "the first item's ttl (604800 s, 7 days) runs out");
      }
      case "typing" -> {
        String stream = "room-events";
        ensureStream(stream);
        for (boolean typing : new boolean[] {true, false}) {
          say("syncStreams('room-events').streamMessages.create({data: {type: 'typing', userId: 'user-123', roomId: 'room-1', isTyping: "
              + typing + "}})");
          StreamMessage.creator(service, stream,
              parse("{\"type\":\"typing\",\"userId\":\"user-123\",\"roomId\":\"room-1\",\"isTyping\":" + typing + "}")).create(client);
        }
      }
      default -> throw new IllegalArgumentException(name);
    }
  }

  /** Waits (up to 5 s) until the fake has no webhook queued or in flight, so they have arrived when trigger exits. */
  boolean awaitQuiet() {
    JsonNode answer = control("GET", "/idle?timeout=PT5S", null);
    return answer != null && answer.path("idle").asBoolean();
  }

  private void feedItem(String user, String action, String details) {
    say("syncLists('activity-feed').syncListItems.create({data: {userId: '" + user + "', action: '" + action + "', ...}, ttl: 604800})");
    SyncListItem.creator(service, "activity-feed", parse("{\"userId\":\"" + user + "\",\"action\":\"" + action
        + "\",\"details\":\"" + details + "\",\"timestamp\":\"" + now() + "\"}")).setTtl(604800).create(client);
  }

  /** Moves a manual clock by {@code iso}; on a system clock says when {@code what} will happen on its own instead. */
  private void advance(String iso, String what) {
    JsonNode clock = control("GET", "/clock", null);
    if (clock == null || !"manual".equals(clock.path("mode").asText())) {
      if (what != null) {
        out.println("  (" + what + " on its own later: the fake runs on the system clock; start it with --clock manual"
            + " to have trigger move time)");
      }
      return;
    }
    say("the fake's clock advances " + iso + (what == null ? "" : ": " + what));
    control("POST", "/clock", "{\"advance\":\"" + iso + "\"}");
  }

  private String now() {
    JsonNode clock = control("GET", "/clock", null);
    return clock == null ? java.time.Instant.now().toString() : clock.path("now").asText();
  }

  private JsonNode control(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/__syncwire" + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (controlToken != null) {
      request.header("Authorization", "Bearer " + controlToken);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        out.println("  note: " + method + " /__syncwire" + path + " answered " + response.statusCode() + ": " + response.body()
            + (response.statusCode() == 401 ? " (set $" + FakeOptions.CONTROL_TOKEN_VARIABLE + " to the fake's control token)" : ""));
        return null;
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("could not reach the fake's control API at " + baseUrl + "/__syncwire (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void ensureDocument(String name) {
    if (missing(() -> Document.fetcher(service, name).fetch(client))) {
      say("documents.create({uniqueName: '" + name + "'})   (it did not exist)");
      Document.creator(service).setUniqueName(name).setData(Map.of()).create(client);
    }
  }

  private void removeDocumentIfPresent(String name) {
    if (!missing(() -> Document.fetcher(service, name).fetch(client))) {
      say("documents('" + name + "').remove()   (left from an earlier run)");
      Document.deleter(service, name).delete(client);
    }
  }

  private void ensureList(String name) {
    if (missing(() -> SyncList.fetcher(service, name).fetch(client))) {
      say("syncLists.create({uniqueName: '" + name + "'})   (it did not exist)");
      SyncList.creator(service).setUniqueName(name).create(client);
    }
  }

  private int ensureListItem(String list, Long index) {
    ensureList(list);
    if (index != null && !missing(() -> SyncListItem.fetcher(service, list, index.intValue()).fetch(client))) {
      return index.intValue();
    }
    if (index != null) {
      out.println("  (item " + index + " of " + list + " does not exist; adding one to change instead)");
    }
    say("syncLists('" + list + "').syncListItems.create({data})   (an item to change)");
    return SyncListItem.creator(service, list, Map.of()).create(client).getIndex();
  }

  private void ensureMap(String name) {
    if (missing(() -> SyncMap.fetcher(service, name).fetch(client))) {
      say("syncMaps.create({uniqueName: '" + name + "'})   (it did not exist)");
      SyncMap.creator(service).setUniqueName(name).create(client);
    }
  }

  private void ensureMapItem(String map, String key) {
    ensureMap(map);
    if (missing(() -> SyncMapItem.fetcher(service, map, key).fetch(client))) {
      say("syncMaps('" + map + "').syncMapItems.create({key: '" + key + "', data})   (it did not exist)");
      SyncMapItem.creator(service, map, key, Map.of()).create(client);
    }
  }

  private void removeMapItemIfPresent(String map, String key) {
    if (!missing(() -> SyncMapItem.fetcher(service, map, key).fetch(client))) {
      say("syncMaps('" + map + "').syncMapItems('" + key + "').remove()   (left from an earlier run)");
      SyncMapItem.deleter(service, map, key).delete(client);
    }
  }

  private void ensureStream(String name) {
    if (missing(() -> SyncStream.fetcher(service, name).fetch(client))) {
      say("syncStreams.create({uniqueName: '" + name + "'})   (it did not exist)");
      SyncStream.creator(service).setUniqueName(name).create(client);
    }
  }

  /** True when the fetch is a 404; any other error goes up. */
  private static boolean missing(Runnable fetch) {
    try {
      fetch.run();
      return false;
    } catch (ApiException e) {
      if (e.getStatusCode() != null && e.getStatusCode() == 404) {
        return true;
      }
      throw e;
    }
  }

  private void say(String call) {
    out.println("  " + call);
    out.flush();
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("--data is not JSON (" + e.getMessage() + "); received " + json, e);
    }
  }
}
