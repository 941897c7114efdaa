package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.twilio.exception.ApiException;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.SyncStream;
import com.twilio.rest.sync.v1.service.document.DocumentPermission;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.harness.fake.ControlTestClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.SyncReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every control API endpoint over real HTTP: good input, and bad input naming field, rule and what arrived. */
class ControlApiTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final SyncReceiver receiver = SyncReceiver.start();
  private final SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START))
      .webhookUrl(receiver.webhookUrl().toString()).webhooksFromRestEnabled(true).start();
  private final ControlTestClient control = new ControlTestClient(fake);

  ControlApiTest() throws Exception {}

  @AfterEach
  void stop() {
    fake.close();
    receiver.close();
  }

  static void assertError(Reply reply, int status, String error, String field, String rule, String received) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    JsonNode json = reply.json();
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertThat(json.get("error").asText()).isEqualTo(error);
    assertThat(json.get("field").asText()).isEqualTo(field);
    assertThat(json.get("message").asText()).isNotBlank();
    JsonNode first = json.get("errors").get(0);
    assertThat(first.get("field").asText()).isEqualTo(field);
    assertThat(first.get("rule").asText()).isEqualTo(rule);
    if (received == null) {
      assertThat(first.get("received").isNull()).as("received of " + reply).isTrue();
    } else {
      assertThat(first.get("received").asText()).isEqualTo(received);
    }
    assertThat(first.get("message").asText()).isEqualTo(json.get("message").asText());
  }

  // ---- clock ----

  @Test
  void clockReadsAndMovesAndListsWhatExpiredAfterItsWebhookWasDelivered() {
    var client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).setItemTtl(300).create(client);
    SyncMapItem.creator(service, "user-presence", "user-456", Map.of("status", "online")).setItemTtl(900).create(client);

    Reply now = control.get("/clock");
    assertThat(now.status()).isEqualTo(200);
    assertThat(now.json().get("now").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(now.json().get("mode").asText()).isEqualTo("manual");

    Reply moved = control.post("/clock", "{\"advance\":\"PT5M\"}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().get("now").asText()).isEqualTo("2026-01-01T00:05:00Z");
    JsonNode expired = moved.json().get("expired");
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).get("objectType").asText()).isEqualTo("map_item");
    assertThat(expired.get(0).get("serviceSid").asText()).isEqualTo(service);
    assertThat(expired.get(0).get("uniqueName").asText()).isEqualTo("user-presence");
    assertThat(expired.get(0).get("key").asText()).isEqualTo("user-123");
    assertThat(expired.get(0).get("index").isNull()).isTrue();
    // Answered only after the *_removed webhook was delivered: the receiver has it already.
    assertThat(receiver.events().all()).extracting(SyncEvent::eventType).contains("map_item_removed");

    Reply set = control.post("/clock", "{\"set\":\"2026-06-01T12:00:00Z\"}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().get("now").asText()).isEqualTo("2026-06-01T12:00:00Z");
    assertThat(set.json().get("expired").get(0).get("key").asText()).isEqualTo("user-456");
    assertThat(fake.clock().instant()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
  }

  @Test
  void aBadDurationNamesTheFieldTheRuleAndWhatArrived() {
    assertError(control.post("/clock", "{\"advance\":\"5 minutes\"}"), 400, "invalid_control_request", "advance",
        "iso_duration", "5 minutes");
    assertError(control.post("/clock", "{\"advance\":\"-PT1M\"}"), 400, "invalid_control_request", "advance",
        "forward_only", "-PT1M");
    assertError(control.post("/clock", "{\"set\":\"2025-01-01T00:00:00Z\"}"), 400, "invalid_control_request", "set",
        "forward_only", "2025-01-01T00:00:00Z");
    assertError(control.post("/clock", "{\"set\":\"tomorrow\"}"), 400, "invalid_control_request", "set",
        "iso_instant", "tomorrow");
    assertError(control.post("/clock", "{}"), 400, "invalid_control_request", "advance", "exactly_one_of", null);
    assertError(control.post("/clock", "{\"advance\":\"PT1M\",\"set\":\"2026-06-01T12:00:00Z\"}"), 400,
        "invalid_control_request", "set", "exactly_one_of", "2026-06-01T12:00:00Z");
    assertError(control.post("/clock", "{\"advance\":300}"), 400, "invalid_control_request", "advance", "type", "300");
    assertError(control.post("/clock", "{\"advanse\":\"PT1M\"}"), 400, "invalid_control_request", "advanse",
        "unknown_field", "advanse");
    assertError(control.post("/clock", "advance=PT1M"), 400, "invalid_control_request", "body", "json", "advance=PT1M");
    assertError(control.post("/clock", ""), 400, "invalid_control_request", "body", "json_object", "");
    assertError(control.post("/clock", "[1]"), 400, "invalid_control_request", "body", "type", "[...]");
    assertThat(fake.clock().instant()).isEqualTo(START);
  }

  @Test
  void advanceOnTheSystemClockIsAConflictNamingClockManual() {
    try (SyncApiFake systemFake = SyncApiFake.builder().clock(FakeClock.system()).start()) {
      ControlTestClient c = new ControlTestClient(systemFake);
      assertThat(c.get("/clock").json().get("mode").asText()).isEqualTo("system");
      Reply reply = c.post("/clock", "{\"advance\":\"PT5M\"}");
      assertError(reply, 409, "clock_not_manual", "mode", "manual_clock", "system");
      assertThat(reply.json().get("message").asText()).contains("--clock manual");
    }
  }

  // ---- faults ----

  @Test
  void faultsAreAddedListedUsedAndRemovedById() {
    Reply added = control.post("/faults",
        "{\"method\":\"GET\",\"path\":\"/v1/Services/.*\",\"status\":429,\"code\":20429,\"delay\":\"PT0S\",\"times\":3}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String id = added.json().get("id").asText();
    assertThat(added.json().toString()).isEqualTo("{\"id\":\"" + id + "\",\"method\":\"GET\",\"path\":\"/v1/Services/.*\","
        + "\"status\":429,\"code\":20429,\"delay\":\"PT0S\",\"times\":3,\"remaining\":3}");
    Reply slow = control.post("/faults", "{\"path\":\"/v1/Services/[^/]+/Maps\",\"status\":503,\"code\":54999}");
    assertThat(slow.json().get("method").asText()).isEqualTo("*");
    assertThat(slow.json().get("times").isNull()).isTrue();

    var client = fake.twilioClient();
    // Apache HttpClient repeats a 429 once: one SDK call uses 2 of the 3 times.
    assertThatThrownBy(() -> Document.fetcher(fake.defaultServiceSid(), "none").fetch(client))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(429);
          assertThat(e.getCode()).isEqualTo(20429);
        });
    assertThatThrownBy(() -> SyncMap.creator(fake.defaultServiceSid()).create(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(54999));
    JsonNode listed = control.get("/faults").json().get("faults");
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).get("remaining").asInt()).isEqualTo(1);
    assertThat(fake.faults().rules()).extracting(Faults.Rule::id).containsExactly(id, slow.json().get("id").asText());

    assertThat(control.delete("/faults/" + id).status()).isEqualTo(204);
    assertError(control.delete("/faults/" + id), 404, "not_found", "id", "armed_fault", id);
    assertThat(control.delete("/faults").json().get("cleared").asInt()).isEqualTo(1);
    assertThat(control.get("/faults").json().get("faults")).isEmpty();
    assertThat(SyncMap.creator(fake.defaultServiceSid()).create(client).getSid()).startsWith("MP");
  }

  @Test
  void badFaultsAreRefusedWithTheFieldAndTheRule() {
    assertError(control.post("/faults", "{\"path\":\".*\",\"status\":429,\"repeat\":2}"), 400, "invalid_control_request",
        "repeat", "unknown_field", "repeat");
    assertError(control.post("/faults", "{\"path\":\".*\",\"status\":\"429\"}"), 400, "invalid_control_request",
        "status", "type", "429");
    assertError(control.post("/faults", "{\"path\":\".*\",\"status\":429.5}"), 400, "invalid_control_request",
        "status", "type", "429.5");
    assertError(control.post("/faults", "{\"path\":\".*\",\"status\":200}"), 400, "invalid_control_request",
        "status", "http_error_status", "200");
    assertError(control.post("/faults", "{\"path\":\".*\"}"), 400, "invalid_control_request",
        "status", "status_or_delay", null);
    assertError(control.post("/faults", "{\"status\":429}"), 400, "invalid_control_request", "path", "required", null);
    assertError(control.post("/faults", "{\"path\":\"(\",\"status\":429}"), 400, "invalid_control_request", "path", "regex", "(");
    assertError(control.post("/faults", "{\"path\":\".*\",\"delay\":\"2s\"}"), 400, "invalid_control_request",
        "delay", "iso_duration", "2s");
    assertError(control.post("/faults", "{\"path\":\".*\",\"status\":429,\"times\":0}"), 400, "invalid_control_request",
        "times", "at_least_1", "0");
    assertError(control.post("/faults", "{\"method\":\"GET /x\",\"path\":\".*\",\"status\":429}"), 400,
        "invalid_control_request", "method", "http_method", "GET /x");
    assertThat(fake.faults().rules()).isEmpty();
  }

  // ---- webhook faults, deliveries, idle ----

  @Test
  void webhookFaultsAreArmedListedAndCleared() {
    Reply drop = control.post("/webhook-faults", "{\"fault\":\"drop\",\"next\":1}");
    assertThat(drop.status()).isEqualTo(201);
    assertThat(drop.json().toString()).isEqualTo("{\"fault\":\"drop\",\"remaining\":1,\"delay\":null}");
    assertThat(control.post("/webhook-faults", "{\"fault\":\"delay\",\"next\":2,\"delay\":\"PT2S\"}").json().toString())
        .isEqualTo("{\"fault\":\"delay\",\"remaining\":2,\"delay\":\"PT2S\"}");
    assertThat(control.get("/webhook-faults").json().get("webhookFaults")).hasSize(2);

    Document.creator(fake.defaultServiceSid()).setUniqueName("dropped").create(fake.twilioClient());
    assertThat(control.get("/idle?timeout=PT5S").json().get("idle").asBoolean()).isTrue();
    JsonNode dropped = control.get("/deliveries?outcome=dropped").json();
    assertThat(dropped.get("count").asInt()).isEqualTo(1);
    assertThat(dropped.get("deliveries").get(0).get("fault").asText()).isEqualTo("drop");
    assertThat(control.get("/webhook-faults").json().get("webhookFaults").get(0).get("fault").asText()).isEqualTo("delay");

    assertThat(control.delete("/webhook-faults").json().get("cleared").asInt()).isEqualTo(1);
    assertThat(control.get("/webhook-faults").json().get("webhookFaults")).isEmpty();

    assertError(control.post("/webhook-faults", "{\"fault\":\"explode\"}"), 400, "invalid_control_request", "fault",
        "webhook_fault", "explode");
    assertError(control.post("/webhook-faults", "{\"fault\":\"reorder\",\"next\":1}"), 400, "invalid_control_request",
        "next", "at_least_2", "1");
    assertError(control.post("/webhook-faults", "{\"fault\":\"drop\",\"delay\":\"PT1S\"}"), 400, "invalid_control_request",
        "delay", "only_with_delay", "PT1S");
    assertError(control.post("/webhook-faults", "{\"fault\":\"delay\",\"next\":1}"), 400, "invalid_control_request",
        "delay", "required", null);
    assertError(control.post("/webhook-faults", "{\"fault\":\"drop\",\"next\":\"all\"}"), 400, "invalid_control_request",
        "next", "type", "all");
  }

  @Test
  void deliveriesShowEachWebhookAndFilterByTypeOutcomeAndSequence() {
    var client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    SyncMap.creator(service).setUniqueName("m").create(client);
    SyncMapItem.creator(service, "m", "a", Map.of("v", 1)).create(client);
    SyncMapItem.creator(service, "m", "b", Map.of("v", 2)).create(client);
    assertThat(control.get("/idle").status()).isEqualTo(200);

    JsonNode all = control.get("/deliveries").json();
    assertThat(all.get("count").asInt()).isEqualTo(3);
    JsonNode first = all.get("deliveries").get(0);
    assertThat(first.get("sequence").asLong()).isEqualTo(1);
    assertThat(first.get("url").asText()).isEqualTo(receiver.webhookUrl().toString());
    assertThat(first.get("eventType").asText()).isEqualTo("map_created");
    assertThat(first.get("params").get("MapUniqueName").asText()).isEqualTo("m");
    assertThat(first.get("idempotencyToken").asText()).isNotBlank();
    assertThat(Instant.parse(first.get("createdAt").asText())).isNotNull();
    assertThat(first.get("fault").asText()).isEqualTo("none");
    assertThat(first.get("outcome").asText()).isEqualTo("delivered");
    JsonNode attempt = first.get("attempts").get(0);
    assertThat(attempt.get("status").asInt()).isEqualTo(200);
    assertThat(attempt.get("latencyMillis").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(attempt.get("error").isNull()).isTrue();

    // Either dialect's name: the seed calls map_item_added map_item_created.
    JsonNode added = control.get("/deliveries?type=map_item_created").json();
    assertThat(added.get("count").asInt()).isEqualTo(2);
    assertThat(added.get("deliveries").get(0).get("params").get("ItemKey").asText()).isEqualTo("a");
    JsonNode later = control.get("/deliveries?since=2&limit=5").json();
    assertThat(later.get("deliveries").get(0).get("sequence").asLong()).isEqualTo(3);
    assertThat(control.get("/deliveries?limit=1").json().get("count").asInt()).isEqualTo(1);
    assertThat(control.get("/deliveries?outcome=failed").json().get("count").asInt()).isZero();

    assertError(control.get("/deliveries?type=item_added"), 400, "invalid_control_request", "type", "event_type", "item_added");
    assertError(control.get("/deliveries?outcome=lost"), 400, "invalid_control_request", "outcome", "outcome", "lost");
    assertError(control.get("/deliveries?since=-1"), 400, "invalid_control_request", "since", "at_least_0", "-1");
    assertError(control.get("/deliveries?limit=0"), 400, "invalid_control_request", "limit", "at_least_1", "0");
    assertError(control.get("/deliveries?kind=x"), 400, "invalid_control_request", "kind", "unknown_parameter", "x");
  }

  @Test
  void idleIs408ListingWhatIsStillHeld() {
    assertThat(control.post("/webhook-faults", "{\"fault\":\"reorder\",\"next\":2}").status()).isEqualTo(201);
    Document.creator(fake.defaultServiceSid()).setUniqueName("held").create(fake.twilioClient());

    Reply reply = control.get("/idle?timeout=PT0.2S");
    assertError(reply, 408, "not_idle", "timeout", "idle_within", "PT0.2S");
    assertThat(reply.json().get("pending")).hasSize(1);
    assertThat(reply.json().get("pending").get(0).get("outcome").asText()).isEqualTo("pending");
    assertThat(reply.json().get("pending").get(0).get("eventType").asText()).isEqualTo("document_created");

    assertError(control.get("/idle?timeout=PT2M"), 400, "invalid_control_request", "timeout", "at_most_PT60S", "PT2M");
    assertError(control.get("/idle?timeout=5"), 400, "invalid_control_request", "timeout", "iso_duration", "5");
    control.delete("/webhook-faults"); // releases the held webhook
    assertThat(control.get("/idle").json().get("idle").asBoolean()).isTrue();
  }

  // ---- snapshot and restore ----

  /** Documents, lists with a deleted last index, maps with TTLs, permissions, a stream, a second service. */
  private void realisticMix() {
    var client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    Document.creator(service).setUniqueName("app-config").setData(Map.of("theme", "dark", "n", List.of(1, 2.5, "x")))
        .setTtl(86400).create(client);
    Document.updater(service, "app-config").setData(Map.of("theme", "light")).update(client);
    DocumentPermission.updater(service, "app-config", "alice", true, false, false).update(client);
    SyncList.creator(service).setUniqueName("activity-feed").create(client);
    for (int i = 0; i < 4; i++) {
      SyncListItem.creator(service, "activity-feed", Map.of("action", "a" + i)).setTtl(600 * (i + 1)).create(client);
    }
    SyncListItem.deleter(service, "activity-feed", 3).delete(client); // nextIndex stays 4
    SyncMap.creator(service).setUniqueName("user-presence").setTtl(7200).create(client);
    SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).setItemTtl(300).create(client);
    SyncMapItem.creator(service, "user-presence", "user-é\"", Map.of()).create(client);
    SyncStream.creator(service).setUniqueName("typing").create(client);
    fake.clock().advance(Duration.ofMillis(1500)); // sub-second time survives too
    fake.createService("second");
  }

  @Test
  void restoreOfASnapshotGivesTheIdenticalSnapshot() {
    realisticMix();
    Reply snapshot = control.get("/snapshot");
    assertThat(snapshot.status()).isEqualTo(200);
    String json = snapshot.raw().body();
    assertThat(snapshot.json().get("format").asText()).isEqualTo("syncwire-snapshot/1");
    assertThat(snapshot.json().get("now").asText()).isEqualTo("2026-01-01T00:00:01.500Z");
    JsonNode feed = snapshot.json().get("services").get(0).get("lists").get(0);
    assertThat(feed.get("nextIndex").asInt()).isEqualTo(4);
    assertThat(feed.get("items")).hasSize(3);

    fake.reset();
    fake.clock().advance(Duration.ofHours(1));
    Reply restored = control.post("/restore", json);
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    assertThat(restored.json().get("restored").asBoolean()).isTrue();
    assertThat(restored.json().get("services").asInt()).isEqualTo(2);
    assertThat(restored.json().get("now").asText()).isEqualTo("2026-01-01T00:00:01.500Z");
    assertThat(control.get("/snapshot").raw().body()).isEqualTo(json);
    assertThat(fake.snapshot().toJson()).isEqualTo(json);
    assertThat(SyncApiFake.Snapshot.fromJson(json).toJson()).isEqualTo(json);

    // The state works: the next list index is 4, TTLs still fire, the SID sequence goes on.
    var client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    assertThat(SyncListItem.creator(service, "activity-feed", Map.of()).create(client).getIndex()).isEqualTo(4);
    Reply moved = control.post("/clock", "{\"advance\":\"PT5M\"}");
    assertThat(moved.json().get("expired").get(0).get("key").asText()).isEqualTo("user-123");
    assertThat(DocumentPermission.fetcher(service, "app-config", "alice").fetch(client).getRead()).isTrue();
  }

  @Test
  void restoreOnASystemClockKeepsTheSystemTime() {
    realisticMix();
    String json = fake.snapshot().toJson();
    try (SyncApiFake systemFake = SyncApiFake.builder().clock(FakeClock.system()).start()) {
      Instant before = Instant.now();
      Reply restored = new ControlTestClient(systemFake).post("/restore", json);
      assertThat(restored.status()).isEqualTo(200);
      assertThat(Instant.parse(restored.json().get("now").asText())).isAfterOrEqualTo(before.minusSeconds(1));
      // The stream has no TTL, so it outlives the real time elapsed since the snapshot's.
      assertThat(SyncStream.fetcher(fake.defaultServiceSid(), "typing").fetch(systemFake.twilioClient()).getUniqueName())
          .isEqualTo("typing");
    }
  }

  @Test
  void aSnapshotOfAnotherShapeIsRefusedNamingTheField() {
    realisticMix();
    String json = control.get("/snapshot").raw().body();
    assertError(control.post("/restore", "{\"services\":[]}"), 400, "invalid_control_request", "format", "format", null);
    assertError(control.post("/restore", json.replace("syncwire-snapshot/1", "syncwire-snapshot/9")), 400,
        "invalid_control_request", "format", "format", "syncwire-snapshot/9");
    String sid = fake.defaultServiceSid();
    assertError(control.post("/restore", json.replace("\"sid\":\"" + sid + "\"", "\"sid\":\"IS123\"")), 400,
        "invalid_control_request", "services[0].sid", "sid", "IS123");
    assertError(control.post("/restore", json.replace("\"friendlyName\"", "\"name\"")), 400,
        "invalid_control_request", "services[0].name", "unknown_field", "name");
    assertError(control.post("/restore", json.replace("\"nextIndex\":4", "\"nextIndex\":\"4\"")), 400,
        "invalid_control_request", "services[0].lists[0].nextIndex", "type", "4");
    assertError(control.post("/restore", json.replace("\"key\":\"user-123\"", "\"key\":null")), 400,
        "invalid_control_request", "services[0].maps[0].items[0].key", "required", null);
    assertError(control.post("/restore", json.replace("\"nextIndex\":4", "\"nextIndex\":2")), 400,
        "invalid_control_request", "services[0].lists[0].items[2].index", "below_next_index", "2");
    assertError(control.post("/restore", "{\"format\":\"syncwire-snapshot/1\"}"), 400,
        "invalid_control_request", "now", "required", null);
    assertError(control.post("/restore", "not json"), 400, "invalid_control_request", "body", "json", "not json");
    assertError(control.post("/restore", ""), 400, "invalid_control_request", "body", "json_object", "");
    assertThat(control.get("/snapshot").raw().body()).as("a refused restore changes nothing").isEqualTo(json);
    assertThatThrownBy(() -> SyncApiFake.Snapshot.fromJson("{\"format\":\"x\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
  }

  // ---- reset, routing, auth ----

  @Test
  void resetForgetsStateFaultsAndFinishedDeliveries() {
    Document.creator(fake.defaultServiceSid()).setUniqueName("d").create(fake.twilioClient());
    control.post("/faults", "{\"path\":\"/nothing\",\"status\":500}");
    control.post("/webhook-faults", "{\"fault\":\"drop\"}");
    assertThat(control.get("/idle").status()).isEqualTo(200);
    assertThat(control.post("/reset", null).status()).isEqualTo(204);
    assertThat(control.get("/faults").json().get("faults")).isEmpty();
    assertThat(control.get("/webhook-faults").json().get("webhookFaults")).isEmpty();
    assertThat(control.get("/deliveries").json().get("count").asInt()).isZero();
    assertThat(control.get("/snapshot").json().get("services").get(0).get("documents")).isEmpty();
  }

  @Test
  void anUnknownControlPathIs404AndAWrongMethodIs405WithAllow() {
    assertError(control.get("/x"), 404, "not_found", "path", "control_path", "/__syncwire/x");
    assertError(control.get(""), 404, "not_found", "path", "control_path", "/__syncwire");
    assertError(control.post("/faults/f1", "{}"), 405, "method_not_allowed", "method", "allowed_method", "POST");
    Reply wrong = control.get("/reset");
    assertError(wrong, 405, "method_not_allowed", "method", "allowed_method", "GET");
    assertThat(wrong.header("Allow")).isEqualTo("POST");
    Reply put = control.send("PUT", "/clock", "{}"); // PUT goes through WireMock's servlet: same answer
    assertError(put, 405, "method_not_allowed", "method", "allowed_method", "PUT");
    assertThat(put.header("Allow")).isEqualTo("GET, HEAD, POST");
  }

  @Test
  void throughWireMockTheControlApiAnswersTheSame() {
    fake.stubFor(WireMock.get("/elsewhere").willReturn(WireMock.ok())); // every request now goes through WireMock
    assertError(control.get("/x"), 404, "not_found", "path", "control_path", "/__syncwire/x");
    Reply wrong = control.delete("/clock");
    assertError(wrong, 405, "method_not_allowed", "method", "allowed_method", "DELETE");
    assertThat(wrong.header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(control.post("/clock", "{\"advance\":\"PT1M\"}").json().get("now").asText()).isEqualTo("2026-01-01T00:01:00Z");
  }

  @Test
  void withATokenEveryControlCallNeedsTheBearerToken() {
    try (SyncApiFake guarded = SyncApiFake.builder().controlToken("s3cret").start()) {
      ControlTestClient open = new ControlTestClient(guarded);
      assertError(open.get("/clock"), 401, "unauthorized", "Authorization", "bearer_token", null);
      assertError(open.get("/x"), 401, "unauthorized", "Authorization", "bearer_token", null);
      assertError(open.withAuthorization("Bearer wrong").post("/reset", null), 401, "unauthorized", "Authorization",
          "bearer_token", "Bearer (wrong token)");
      assertError(open.withAuthorization("Basic czNjcmV0").get("/clock"), 401, "unauthorized", "Authorization", "bearer_token",
          "(not a Bearer token)");
      ControlTestClient authorized = open.withAuthorization("Bearer s3cret");
      assertThat(authorized.get("/clock").status()).isEqualTo(200);
      assertThat(authorized.post("/reset", null).status()).isEqualTo(204);
      // The Sync API keeps its own auth: the token does not open it, the SDK still works.
      assertThat(Document.creator(guarded.defaultServiceSid()).create(guarded.twilioClient()).getSid()).startsWith("ET");
    }
  }

  @Test
  void aHostOtherThanLoopbackNeedsAControlToken() {
    assertThatThrownBy(() -> SyncApiFake.builder().host("0.0.0.0").start())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("controlToken");
    try (SyncApiFake everywhere = SyncApiFake.builder().host("0.0.0.0").controlToken("t").start()) {
      assertThat(everywhere.baseUrl()).isEqualTo("http://127.0.0.1:" + everywhere.port());
      assertThat(new ControlTestClient(everywhere.controlUrl(), "Bearer t").get("/clock").status()).isEqualTo(200);
    }
  }
}
