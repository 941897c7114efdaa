package dev.syncwire.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.harness.check.HandlerReport.Finding;
import dev.syncwire.harness.check.HandlerReport.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HandlerCheck against users' handlers really served on 127.0.0.1 (see {@link TestHandlers}). */
class HandlerCheckTest {
  static final String TOKEN = "handler-token-0123456789abcdef";

  @Test
  void aCarefulHandlerHasNoFindings() {
    try (TestHandlers.Served handler = TestHandlers.careful(TOKEN)) {
      HandlerReport report = HandlerCheck.against(handler.uri()).authToken(TOKEN).run();

      report.assertNoFindings();
      assertThat(report.cases()).allMatch(HandlerReport.CaseResult::ok);
      // Every real event type went out, in Twilio's names, and the handler's validator accepted it.
      assertThat(report.cases().stream().filter(c -> c.caseName().equals("event")).map(c -> c.eventType()))
          .containsExactlyInAnyOrderElementsOf(List.of(EventType.values()).stream().map(EventType::wireName).toList());
      assertThat(report.cases()).filteredOn(c -> c.caseName().equals("event")).allMatch(c -> c.status() == 200);
      assertThat(report.cases()).extracting(HandlerReport.CaseResult::caseName).contains("bad-signature",
          "no-signature", "missing-param", "redelivery", "out-of-order", "removed-after-gone");
      // The refusals were the handler's: 403 for the forged and unsigned, 400 for the missing ItemKey.
      assertThat(report.cases()).filteredOn(c -> !c.note().isEmpty())
          .extracting(HandlerReport.CaseResult::caseName, HandlerReport.CaseResult::status)
          .containsExactly(tuple("bad-signature", 403), tuple("no-signature", 403), tuple("missing-param", 400));
      assertThat(report.table()).contains("summary: " + report.cases().size() + " requests, 0 findings");
    }
  }

  @Test
  void aCarelessHandlerGivesExactlyItsFaults() {
    try (TestHandlers.Served handler = TestHandlers.careless()) {
      HandlerReport report = HandlerCheck.against(handler.uri()).authToken(TOKEN).run();

      assertThat(report.findings())
          .extracting(Finding::severity, Finding::code, Finding::caseName, Finding::status)
          .containsExactly(
              tuple(Severity.SECURITY, "forged_accepted", "bad-signature", 200),
              tuple(Severity.SECURITY, "unsigned_accepted", "no-signature", 200),
              tuple(Severity.CRASH, "server_error", "missing-param", 500),
              tuple(Severity.CRASH, "server_error", "removed-after-gone", 500));
      assertThat(report.findings().get(3).request()).isEqualTo("map_item_removed EventId=2, after map_removed");
      assertThat(report.findings().get(0).message()).contains("anyone who can reach the handler can fake Sync events",
          "RequestValidator");
      assertThatThrownBy(report::assertNoFindings).isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("The handler at " + handler.url() + " has 4 finding(s):\n"
              + "security  bad-signature (document_created, X-Twilio-Signature forged): answered 200 to a webhook with a"
              + " forged X-Twilio-Signature")
          .hasMessageContaining("summary: " + report.cases().size() + " requests, 4 findings (2 security, 2 crash,"
              + " 0 warning, 0 error)");
      // It did get the forged request, unsigned: no signature header at all.
      assertThat(handler.requests).anyMatch(r -> !r.headers().containsKey("x-twilio-signature"));
    }
  }

  @Test
  void theJsonDocumentIsTheContractsShape() throws IOException {
    try (TestHandlers.Served handler = TestHandlers.careless()) {
      JsonNode json = new ObjectMapper().readTree(HandlerCheck.against(handler.uri()).authToken(TOKEN).run().toJson());

      assertThat(json.get("tool").asText()).isEqualTo("check-handler");
      JsonNode first = json.get("findings").get(0);
      assertThat(first.get("severity").asText()).isEqualTo("security");
      assertThat(first.get("code").asText()).isEqualTo("forged_accepted");
      assertThat(first.get("location").get("case").asText()).isEqualTo("bad-signature");
      assertThat(first.get("location").get("url").asText()).isEqualTo(handler.url());
      assertThat(json.get("summary").get("security").asInt()).isEqualTo(2);
      assertThat(json.get("summary").get("crash").asInt()).isEqualTo(2);
      assertThat(json.get("cases").size()).isEqualTo(json.get("summary").get("requests").asInt());
    }
  }

  @Test
  void theRedeliveryCarriesTheSameIdempotencyTokenAndTheReorderedEventsTheirEventIds() {
    try (TestHandlers.Served handler = TestHandlers.careful(TOKEN)) {
      HandlerCheck.against(handler.uri()).authToken(TOKEN).run();

      List<TestHandlers.Served.Request> redelivered = handler.requests.stream()
          .filter(r -> "check-handler-redelivery".equals(r.params().get("DocumentUniqueName"))).toList();
      assertThat(redelivered).hasSize(2);
      assertThat(redelivered.get(1).headers().get("i-twilio-idempotency-token"))
          .isEqualTo(redelivered.get(0).headers().get("i-twilio-idempotency-token"));
      assertThat(handler.requests.stream().filter(r -> "check-handler-order".equals(r.params().get("MapUniqueName"))
          && r.params().containsKey("EventId")).map(r -> r.params().get("EventId"))).containsExactly("2", "1");
    }
  }

  @Test
  void aWebhookRuleKeySignsWithHmacSha256AndTheSettingsHeader() {
    try (TestHandlers.Served handler = TestHandlers.careful(null, "KEY1", "rule-secret")) {
      HandlerReport report = HandlerCheck.against(handler.uri()).signingKey(SigningKey.parse("KEY1:rule-secret")).run();

      report.assertNoFindings();
      assertThat(report.table()).contains("signed with Webhook Rule key KEY1 (HMAC-SHA256)");
      assertThat(handler.requests).filteredOn(r -> r.headers().containsKey("x-twilio-signature"))
          .allMatch(r -> "key=KEY1,algorithm=HMAC_SHA256".equals(r.headers().get("x-twilio-webhooks-signature-settings")));
    }
  }

  @Test
  void theSeedDialectIsSentTooAndMayBeRefusedButNotCrashedOn() {
    try (TestHandlers.Served handler = TestHandlers.careful(TOKEN)) {
      HandlerReport report = HandlerCheck.against(handler.uri()).authToken(TOKEN).seedDialect(true).run();

      report.assertNoFindings();
      assertThat(report.cases()).filteredOn(c -> c.caseName().equals("seed-dialect"))
          .extracting(HandlerReport.CaseResult::eventType)
          .contains("map_item_created", "list_item_created", "document_created")
          .doesNotContain("map_item_added");
      assertThat(report.cases()).filteredOn(c -> c.eventType() != null && c.eventType().equals("map_item_created"))
          .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(400));
    }
  }

  @Test
  void aValidEventRefusedIsAWarningAndAHangIsACrash() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestHandlers.Served bystander = TestHandlers.careful(TOKEN); // another handler on this machine: it gets nothing
        TestHandlers.Served handler = new TestHandlers.Served(in -> {
          String type = in.params().get("EventType");
          if ("endpoint_disconnected".equals(type)) {
            try {
              release.await(30, TimeUnit.SECONDS); // hangs until the test is over
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 200;
          }
          if ("list_created".equals(type)) {
            return 404;
          }
          return in.headers().containsKey("x-twilio-signature") ? 200 : 403;
        });
        AutoCloseable unblock = release::countDown) {
      HandlerReport report = HandlerCheck.against(handler.uri()).authToken(TOKEN).timeout(Duration.ofMillis(300)).run();

      assertThat(report.findings()).extracting(Finding::severity, Finding::code, Finding::eventType)
          .contains(tuple(Severity.WARNING, "valid_event_refused", "list_created"),
              tuple(Severity.CRASH, "timeout", "endpoint_disconnected"));
      Finding warning = report.findings(Severity.WARNING).get(0);
      assertThat(warning.message()).contains("answered 404", "Twilio counts any answer but 2xx as a failed delivery");
      assertThat(report.findings(Severity.CRASH).get(0).message()).startsWith("gave no answer within 300 ms");
      assertThat(bystander.requests).isEmpty();
      // The hang cost one time-out: every later case was answered.
      assertThat(report.cases().get(report.cases().size() - 1).status()).isEqualTo(200);
    }
  }

  @Test
  void aHandlerThatIsNotRunningIsOneErrorAndNothingMoreIsSent() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    HandlerReport report = HandlerCheck.against("http://127.0.0.1:" + port + "/sync").authToken(TOKEN).run();

    assertThat(report.cases()).hasSize(1);
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.code()).isEqualTo("unreachable");
      assertThat(f.message()).isEqualTo("could not connect to http://127.0.0.1:" + port
          + "/sync: connection refused; is your handler running? Nothing was checked");
    });
  }

  @Test
  void anotherMachineIsRefusedUnlessAllowedAndNothingIsSent() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never this machine.
    assertThatThrownBy(() -> HandlerCheck.against(URI.create("http://192.0.2.1:3000/sync")).authToken(TOKEN).run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("http://192.0.2.1:3000/sync is not on this machine (192.0.2.1 is not a loopback address).")
        .hasMessageContaining("meant for a handler running locally under test");
    assertThatThrownBy(() -> HandlerCheck.against("http://127.0.0.1:3000/sync").run())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("give authToken(...)");
    assertThatThrownBy(() -> HandlerCheck.against("ftp://127.0.0.1/sync"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'ftp://127.0.0.1/sync' is not an http(s) URL");
    assertThatThrownBy(() -> HandlerCheck.against("http://127.0.0.1:3000/sync").timeout(Duration.ZERO))
        .hasMessage("the time-out must be more than 0; received PT0S");
  }
}
