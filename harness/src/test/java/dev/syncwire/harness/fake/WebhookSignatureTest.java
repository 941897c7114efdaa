package dev.syncwire.harness.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.syncwire.harness.fake.DeliveryFixtures.SERVICE;
import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.security.RequestValidator;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.FormParams.Param;
import dev.syncwire.fixtures.TwilioSignature;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final WireMockServer server =
      new WireMockServer(options().port(0).bindAddress("127.0.0.1"));
  private WebhookDelivery delivery;

  @BeforeAll
  static void startReceiver() {
    server.start();
    server.stubFor(post(urlPathEqualTo("/sync/hook")).willReturn(ok()));
  }

  @AfterAll
  static void stopReceiver() {
    server.stop();
  }

  @BeforeEach
  void start() {
    server.resetRequests();
    delivery = new WebhookDelivery(DeliveryOptions.defaults());
  }

  @AfterEach
  void stop() {
    delivery.close();
  }

  @Test
  void signsTheExactUrlWithItsQueryStringSoTwilioJavasValidatorAccepts() {
    String url = server.baseUrl() + "/sync/hook?tenant=acme&note=a%20b";
    FormParams params = FormParams.of(List.of(
        new Param("ServiceSid", SERVICE),
        new Param("EventType", "document_updated"),
        new Param("DocumentSid", "ET" + "1".repeat(32)),
        new Param("DocumentData", "{\"status\":\"caf\u00e9 & co = 100%\"}"),
        new Param("Identity", "system")));

    delivery.send(url, params, TOKEN, SERVICE + "ET1");
    DeliveredWait.awaitDelivered(delivery, 1, Duration.ofSeconds(5));

    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/sync/hook")));
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.get(0);
    String receivedUrl = server.baseUrl() + request.getUrl();
    String signature = request.getHeader(TwilioSignature.HEADER);
    FormParams received = FormParams.parse(request.getBodyAsString());

    assertThat(receivedUrl).isEqualTo(url);
    assertThat(request.getBodyAsString()).isEqualTo(params.encode());
    assertThat(received).isEqualTo(params);
    assertThat(signature).isEqualTo(TwilioSignature.compute(TOKEN, receivedUrl, received));
    assertThat(new RequestValidator(TOKEN).validate(receivedUrl, asMap(received), signature)).isTrue();
    assertThat(new RequestValidator("another-token").validate(receivedUrl, asMap(received), signature))
        .isFalse();
    assertThat(new RequestValidator(TOKEN).validate(server.baseUrl() + "/sync/hook", asMap(received),
        signature)).as("a signature over the URL without its query string").isFalse();
  }

  @Test
  void sendsTwilioHeadersAndRecordsTheIdempotencyTokenItSent() {
    delivery.send(server.baseUrl() + "/sync/hook", DeliveryFixtures.listItemAdded("ES1", 1), TOKEN, "k");
    WebhookDeliveryRecord record = DeliveredWait.awaitDelivered(delivery, 1, Duration.ofSeconds(5)).get(0);

    LoggedRequest request = server.findAll(postRequestedFor(urlPathEqualTo("/sync/hook"))).get(0);
    // Jetty upper-cases the charset on the way in, here and in SyncReceiver alike.
    assertThat(request.getHeader("Content-Type"))
        .isEqualToIgnoringCase("application/x-www-form-urlencoded; charset=utf-8");
    assertThat(request.getHeader("User-Agent")).isEqualTo("TwilioProxy/1.1");
    assertThat(request.getHeader("I-Twilio-Idempotency-Token")).isEqualTo(record.idempotencyToken());
    assertThat(record.outcome()).isEqualTo(WebhookDeliveryRecord.Outcome.DELIVERED);
    assertThat(record.attempts()).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.error()).isNull();
    });
  }

  @Test
  void signsWithoutTheConnectionOverrideFragmentBecauseItNeverReachesTheReceiver() {
    String url = server.baseUrl() + "/sync/hook?x=1#rc=2&rp=all";
    FormParams params = DeliveryFixtures.listItemAdded("ES1", 1);

    delivery.send(url, params, TOKEN, "k");
    DeliveredWait.awaitDelivered(delivery, 1, Duration.ofSeconds(5));

    LoggedRequest request = server.findAll(postRequestedFor(urlPathEqualTo("/sync/hook"))).get(0);
    String receivedUrl = server.baseUrl() + request.getUrl();
    assertThat(receivedUrl).isEqualTo(server.baseUrl() + "/sync/hook?x=1");
    assertThat(new RequestValidator(TOKEN).validate(receivedUrl, asMap(params),
        request.getHeader(TwilioSignature.HEADER))).isTrue();
  }

  private static Map<String, String> asMap(FormParams params) {
    Map<String, String> map = new LinkedHashMap<>();
    params.asList().forEach(p -> map.put(p.name(), p.value()));
    return map;
  }
}
