package dev.syncwire.harness.fake;

import dev.syncwire.receiver.SyncReceiver;
import dev.syncwire.fixtures.SyncEvent;
import static dev.syncwire.harness.fake.ControlApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.harness.fake.ControlTestClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control API at its edges: extreme numbers, odd bodies, odd paths, many waiting callers. */
class ControlApiLimitsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String BAD = "invalid_control_request";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SyncReceiver receiver = SyncReceiver.start();
  private final SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START))
      .webhookUrl(receiver.webhookUrl().toString()).webhooksFromRestEnabled(true).start();
  private final ControlTestClient control = new ControlTestClient(fake);

  ControlApiLimitsTest() throws Exception {}

  @AfterEach
  void stop() {
    fake.close();
    receiver.close();
  }

  private ObjectNode snapshot() throws Exception {
    return (ObjectNode) JSON.readTree(control.get("/snapshot").raw().body());
  }

  // ---- 1, 2: restore keeps SIDs and seq ahead of what is in use ----

  @Test
  void restoreRefusesASidCounterThatWouldHandOutSidsInUse() throws Exception {
    for (int i = 0; i < 3; i++) {
      Document.creator(fake.defaultServiceSid()).setUniqueName("d" + i).create(fake.twilioClient());
    }
    ObjectNode state = snapshot();
    long counter = state.get("sids").get("counter").asLong();
    String lastSid = state.get("services").get(0).get("documents").get(2).get("sid").asText();
    ((ObjectNode) state.get("sids")).put("counter", counter - 1);
    Reply refused = control.post("/restore", state.toString());
    assertError(refused, 400, BAD, "sids.counter", "below_sids_in_use", String.valueOf(counter - 1));
    assertThat(refused.json().get("message").asText()).contains(lastSid).contains(String.valueOf(counter));

    ((ObjectNode) state.get("sids")).put("counter", counter);
    assertThat(control.post("/restore", state.toString()).status()).isEqualTo(200);
    ((ObjectNode) state.get("sids")).put("counter", counter + 1000); // ahead is fine: those SIDs are simply skipped
    assertThat(control.post("/restore", state.toString()).status()).isEqualTo(200);
    assertThat(Document.creator(fake.defaultServiceSid()).create(fake.twilioClient()).getSid()).isNotEqualTo(lastSid);
  }

  @Test
  void sidIndexesAreFoundFromTheSidAlone() {
    SidGenerator sids = new SidGenerator(20150730, 41);
    String sid = sids.next("ET");
    assertThat(new SidGenerator(20150730).indexOf(sid)).isEqualTo(41);
    assertThat(new SidGenerator(7).indexOf(sid)).isEqualTo(-1);
    assertThat(new SidGenerator(20150730).indexOf("ET" + "0".repeat(32))).isEqualTo(-1);
  }

  @Test
  void restoreRefusesASeqBelowOrFarBeyondTheSeqsInUse() throws Exception {
    Document.creator(fake.defaultServiceSid()).setUniqueName("d").setTtl(60).create(fake.twilioClient());
    ObjectNode state = snapshot();
    long seq = state.get("seq").asLong();
    state.put("seq", seq - 1);
    Reply below = control.post("/restore", state.toString());
    assertError(below, 400, BAD, "seq", "below_seq_in_use", String.valueOf(seq - 1));
    assertThat(below.json().get("message").asText()).contains("expirySeq").contains(String.valueOf(seq));
    state.put("seq", Long.MAX_VALUE);
    Reply huge = control.post("/restore", state.toString());
    assertError(huge, 400, BAD, "seq", "out_of_range", String.valueOf(Long.MAX_VALUE));
    assertThat(huge.json().get("message").asText()).contains(String.valueOf(SnapshotJson.MAX_SEQ));
    ((ObjectNode) state.get("sids")).put("counter", Long.MAX_VALUE);
    state.put("seq", seq);
    assertError(control.post("/restore", state.toString()), 400, BAD, "sids.counter", "out_of_range",
        String.valueOf(Long.MAX_VALUE));
  }

  // ---- 3: the clock stays in a range where every TTL still has a date ----

  @Test
  void theClockRefusesInstantsPastItsCeilingAndNamesIt() {
    Reply advance = control.post("/clock", "{\"advance\":\"PT2562047788015215H\"}");
    assertError(advance, 400, BAD, "advance", "out_of_range", "PT2562047788015215H");
    assertThat(advance.json().get("message").asText()).contains(ControlApi.LATEST.toString());
    Reply set = control.post("/clock", "{\"set\":\"+1000000000-12-31T23:59:59Z\"}");
    assertError(set, 400, BAD, "set", "out_of_range", "+1000000000-12-31T23:59:59Z");
    assertThat(set.json().get("message").asText()).contains(ControlApi.LATEST.toString());
    assertThat(fake.clock().instant()).isEqualTo(START);

    // At the ceiling the longest TTL still has a date, and the clock still moves.
    assertThat(control.post("/clock", "{\"set\":\"" + ControlApi.LATEST + "\"}").status()).isEqualTo(200);
    Document doc = Document.creator(fake.defaultServiceSid()).setTtl(SyncStore.MAX_TTL).create(fake.twilioClient());
    assertThat(doc.getDateExpires()).isNotNull();
    assertError(control.post("/clock", "{\"advance\":\"PT1S\"}"), 400, BAD, "advance", "out_of_range", "PT1S");
    assertThat(control.post("/clock", "{\"advance\":\"PT0S\"}").status()).isEqualTo(200);
  }

  @Test
  void aCreateWhoseExpiryCannotBeComputedStoresNothing() {
    try (SyncApiFake edge = SyncApiFake.builder().clock(FakeClock.at(Instant.MAX.minusSeconds(10))).start()) {
      String service = edge.defaultServiceSid();
      assertThatThrownBy(() -> Document.creator(service).setUniqueName("late").setTtl(60).create(edge.twilioClient()))
          .isInstanceOf(com.twilio.exception.ApiException.class);
      assertThat(Document.reader(service).read(edge.twilioClient()).iterator().hasNext())
          .as("the refused create left no document behind").isFalse();
    }
  }

  // ---- 4: a JSON null body ----

  @Test
  void aNullBodyIsAnObjectMissingNotA500() {
    for (String path : List.of("/clock", "/faults", "/webhook-faults", "/restore")) {
      assertError(control.post(path, "null"), 400, BAD, "body", "json_object", "null");
    }
  }

  // ---- 5, 6: delays are bounded; reset drops webhooks still waiting out a delay ----

  @Test
  void faultDelaysAreAtMostFiveMinutesOverHttpAndInJava() {
    Reply sync = control.post("/faults", "{\"path\":\".*\",\"delay\":\"PT2562047788015215H\"}");
    assertError(sync, 400, BAD, "delay", "at_most_PT5M", "PT2562047788015215H");
    assertError(control.post("/faults", "{\"path\":\".*\",\"delay\":\"PT5M0.001S\"}"), 400, BAD, "delay", "at_most_PT5M",
        "PT5M0.001S");
    assertThat(control.post("/faults", "{\"path\":\"/nothing\",\"delay\":\"PT5M\"}").status()).isEqualTo(201);
    assertError(control.post("/webhook-faults", "{\"fault\":\"delay\",\"delay\":\"PT6M\"}"), 400, BAD, "delay",
        "at_most_PT5M", "PT6M");
    assertThat(control.get("/webhook-faults").json().get("webhookFaults")).isEmpty();
    assertThatThrownBy(() -> fake.faults().when("GET", ".*").delay(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most PT5M");
    assertThatThrownBy(() -> fake.webhookFaults().delayNext(1, Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most PT5M");
  }

  @Test
  void resetDropsAWebhookStillWaitingOutItsDelay() {
    assertThat(control.post("/webhook-faults", "{\"fault\":\"delay\",\"delay\":\"PT5M\"}").status()).isEqualTo(201);
    Document.creator(fake.defaultServiceSid()).setUniqueName("late").create(fake.twilioClient());
    assertThat(control.get("/idle?timeout=PT0S").status()).isEqualTo(408);
    assertThat(control.post("/reset", null).status()).isEqualTo(204);
    Reply idle = control.get("/idle?timeout=PT1S");
    assertThat(idle.status()).as(idle.toString()).isEqualTo(200);
    assertThat(receiver.events().all()).isEmpty();
  }

  // ---- 7: POST /clock waits for its own webhooks only, and says when they are late ----

  @Test
  void clockWaitsOnlyForTheWebhooksOfWhatExpiredAndListsTheLateOnes() {
    var client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    SyncMap.creator(service).setUniqueName("presence").create(client);
    SyncMapItem.creator(service, "presence", "u1", Map.of()).setItemTtl(60).create(client);
    control.post("/webhook-faults", "{\"fault\":\"delay\",\"delay\":\"PT5M\"}");
    Document.creator(service).setUniqueName("unrelated").create(client); // its webhook waits 5 minutes

    long t0 = System.nanoTime();
    Reply moved = control.post("/clock", "{\"advance\":\"PT1M\"}");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(ControlApi.CLOCK_QUIET);
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().get("expired")).hasSize(1);
    assertThat(moved.json().get("pendingWebhooks")).isEmpty();
    assertThat(receiver.events().all()).extracting(SyncEvent::eventType).contains("map_item_removed");

    // The expiry's own webhook delayed: the answer lists it as still pending.
    SyncMapItem.creator(service, "presence", "u2", Map.of()).setItemTtl(60).create(client);
    control.post("/webhook-faults", "{\"fault\":\"delay\",\"delay\":\"PT5M\"}");
    Reply late = control.post("/clock", "{\"advance\":\"PT1M\"}");
    assertThat(late.status()).isEqualTo(200);
    JsonNode pending = late.json().get("pendingWebhooks");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).get("eventType").asText()).isEqualTo("map_item_removed");
    assertThat(pending.get(0).get("outcome").asText()).isEqualTo("pending");
    control.post("/reset", null);
  }

  // ---- 8: waiting calls are capped so the Sync API keeps its threads ----

  @Test
  void atMostFourControlCallsWaitAtOnceTheRestAre429() {
    control.post("/webhook-faults", "{\"fault\":\"reorder\",\"next\":2}");
    Document.creator(fake.defaultServiceSid()).setUniqueName("held").create(fake.twilioClient());
    List<CompletableFuture<Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> control.get("/idle?timeout=PT3S")));
    }
    // The Sync API answers while they wait.
    assertThat(Document.fetcher(fake.defaultServiceSid(), "held").fetch(fake.twilioClient()).getUniqueName()).isEqualTo("held");
    List<Reply> replies = calls.stream().map(CompletableFuture::join).toList();
    assertThat(replies).filteredOn(r -> r.status() == 408).hasSize(ControlApi.MAX_WAITING);
    List<Reply> refused = replies.stream().filter(r -> r.status() == 429).toList();
    assertThat(refused).hasSize(12 - ControlApi.MAX_WAITING);
    assertError(refused.get(0), 429, "too_many_waiting", "timeout", "at_most_4_waiting", "PT3S");
    control.delete("/webhook-faults");
    assertThat(control.get("/idle").status()).isEqualTo(200);
  }

  // ---- 9: nothing is silently dropped ----

  @Test
  void duplicateKeysRepeatedAndUnknownParametersAreRefused() {
    assertError(control.post("/clock", "{\"advance\":\"PT5M\",\"advance\":\"PT1M\"}"), 400, BAD, "advance", "single_value",
        "advance");
    assertError(control.post("/faults", "{\"path\":\".*\",\"status\":500,\"status\":503}"), 400, BAD, "status",
        "single_value", "status");
    assertThat(fake.clock().instant()).isEqualTo(START);
    assertError(control.get("/deliveries?limit=1&limit=2"), 400, BAD, "limit", "single_value", "2");
    assertError(control.get("/clock?x=1"), 400, BAD, "x", "unknown_parameter", "1");
    assertError(control.post("/reset?hard=true", null), 400, BAD, "hard", "unknown_parameter", "true");
    assertError(control.get("/snapshot?pretty"), 400, BAD, "pretty", "unknown_parameter", "");
  }

  @Test
  void duplicateKeysInsideASnapshotAreNamedWithTheirPath() throws Exception {
    String json = control.get("/snapshot").raw().body();
    String twice = json.replaceFirst("\"friendlyName\":", "\"aclEnabled\":false,\"friendlyName\":");
    assertError(control.post("/restore", twice), 400, BAD, "services[0].aclEnabled", "single_value", "aclEnabled");
  }

  // ---- 10: auth schemes are case-insensitive, and a 401 says how to authenticate ----

  @Test
  void theBearerSchemeIsCaseInsensitiveAndA401SaysWwwAuthenticate() {
    try (SyncApiFake guarded = SyncApiFake.builder().controlToken("s3cret").start()) {
      ControlTestClient open = new ControlTestClient(guarded);
      assertThat(open.withAuthorization("bearer s3cret").get("/clock").status()).isEqualTo(200);
      assertThat(open.withAuthorization("BEARER   s3cret").get("/clock").status()).isEqualTo(200);
      Reply refused = open.get("/clock");
      assertError(refused, 401, "unauthorized", "Authorization", "bearer_token", null);
      assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"syncwire control\"");
      assertError(open.withAuthorization("bearer wrong").get("/clock"), 401, "unauthorized", "Authorization",
          "bearer_token", "Bearer (wrong token)");
      assertError(open.withAuthorization("Bearers3cret").get("/clock"), 401, "unauthorized", "Authorization",
          "bearer_token", "(not a Bearer token)");
    }
  }

  // ---- 11: one rule for paths, whichever way the request comes in ----

  @Test
  void encodedDotAndDoubledSlashPathsAreRefusedTheSameBothWaysIn() {
    checkPaths();
    fake.stubFor(WireMock.get("/elsewhere").willReturn(WireMock.ok())); // now everything goes through WireMock
    checkPaths();
  }

  private void checkPaths() {
    ControlTestClient root = new ControlTestClient(fake.baseUrl(), null);
    for (String path : List.of("/__syncwire/%63lock", "/__syncwire/./clock", "/__syncwire/x/../clock",
        "/__syncwire%2Fclock", "//__syncwire/clock", "/__syncwire//clock")) {
      Reply reply = root.get(path);
      assertError(reply, 400, BAD, "path", "canonical_path", path);
      assertThat(reply.json().get("message").asText()).contains("/__syncwire/clock");
    }
    assertThat(root.get("/__syncwire/clock").status()).isEqualTo(200);
  }

  @Test
  void headOnAGetEndpointAnswersLikeGetWithoutABody() {
    Reply head = control.send("HEAD", "/clock", null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.raw().body()).isEmpty();
    Reply wrong = control.send("HEAD", "/reset", null);
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(control.delete("/clock").header("Allow")).isEqualTo("GET, HEAD, POST");
  }

  // ---- 12: rule names say what is wrong ----

  @Test
  void ruleNamesSayWhatIsWrong() {
    assertError(control.get("/deliveries?limit=abc"), 400, BAD, "limit", "whole_number", "abc");
    assertError(control.get("/deliveries?since=abc"), 400, BAD, "since", "whole_number", "abc");
    assertError(control.get("/deliveries?limit=0"), 400, BAD, "limit", "at_least_1", "0");
    Reply huge = control.post("/clock", "{\"advance\":\"PT9999999999999999H\"}");
    assertError(huge, 400, BAD, "advance", "out_of_range", "PT9999999999999999H");
    assertThat(huge.json().get("message").asText()).doesNotContain("must be an ISO-8601 duration");
    Reply status = control.post("/faults", "{\"path\":\".*\",\"status\":99999999999}");
    assertError(status, 400, BAD, "status", "out_of_range", "99999999999");
    assertThat(status.json().get("message").asText()).contains("2147483647").doesNotContain("Numeric value");
  }

  // ---- 13: a restored service keeps the Sync API's own rules ----

  @Test
  void restoreChecksServiceSettingsAndDates() throws Exception {
    ObjectNode state = snapshot();
    ObjectNode service = (ObjectNode) state.get("services").get(0);
    service.put("reachabilityDebouncingWindow", -1);
    assertError(control.post("/restore", state.toString()), 400, BAD, "services[0].reachabilityDebouncingWindow",
        "between_1000_and_30000", "-1");
    service.put("reachabilityDebouncingWindow", 5000);
    service.put("webhookUrl", "not a url");
    assertError(control.post("/restore", state.toString()), 400, BAD, "services[0].webhookUrl", "http_url", "not a url");
    service.putNull("webhookUrl");
    service.put("dateUpdated", "2030-01-01T00:00:00Z");
    assertError(control.post("/restore", state.toString()), 400, BAD, "services[0].dateUpdated", "not_after_now",
        "2030-01-01T00:00:00Z");
    service.put("dateUpdated", START.toString());
    state.put("now", "+1000000000-12-31T23:59:59Z");
    assertError(control.post("/restore", state.toString()), 400, BAD, "now", "out_of_range", "+1000000000-12-31T23:59:59Z");
    state.put("now", START.toString());
    assertThat(control.post("/restore", state.toString()).status()).isEqualTo(200);

    state.set("services", JSON.createArrayNode());
    Reply empty = control.post("/restore", state.toString());
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().get("warnings").get(0).asText()).contains("no services").contains("/reset");
  }
}
