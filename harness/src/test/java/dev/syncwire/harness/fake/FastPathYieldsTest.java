package dev.syncwire.harness.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.twilio.exception.ApiException;
import com.twilio.rest.sync.v1.service.Document;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the fast path leaves to WireMock or shares with it: a user's stub wins until it is removed
 * or reset, faults apply, a global delay applies, and every request shows up in the journal.
 */
class FastPathYieldsTest extends SharedFakeTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aUserStubOnASyncPathWinsAndRemovingItBringsTheFakeBack() {
    Document.creator(service).setUniqueName("doc").setData(Map.of("real", true)).create(client);
    StubMapping stub = fake.stubFor(get(urlPathMatching("/v1/Services/.*/Documents/doc"))
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":20503,\"message\":\"stubbed\",\"status\":503}")));
    ApiException stubbed = catchThrowableOfType(ApiException.class,
        () -> Document.fetcher(service, "doc").fetch(client));
    assertThat(stubbed.getMessage()).isEqualTo("stubbed");

    fake.wireMock().removeStub(stub);
    assertThat(Document.fetcher(service, "doc").fetch(client).getData()).isEqualTo(Map.of("real", true));
  }

  @Test
  void resetAllDropsUserStubsAndTheFakeAnswersAgain() {
    fake.stubFor(get(urlPathMatching("/v1/Services/.*/Documents/doc")).willReturn(aResponse().withStatus(418)));
    assertThat(status("/v1/Services/" + service + "/Documents/doc")).isEqualTo(418);

    fake.wireMock().resetAll();
    assertThat(status("/v1/Services/" + fake.defaultServiceSid() + "/Documents/doc")).isEqualTo(401);
  }

  @Test
  void aStubOnAnotherPathAlsoSendsSyncRequestsThroughWireMockWithTheSameAnswer() {
    StubMapping other = fake.stubFor(get("/health").willReturn(aResponse().withStatus(200)));
    try {
      Document.creator(service).setUniqueName("doc").setData(Map.of("n", 1)).create(client);
      assertThat(Document.fetcher(service, "doc").fetch(client).getData()).isEqualTo(Map.of("n", 1));
      ServeEvent fetch = fake.wireMock().getAllServeEvents().get(0);
      assertThat(fetch.getResponse().getHeaders().getHeader("Matched-Stub-Id").isPresent())
          .as("answered by WireMock").isTrue();
    } finally {
      fake.wireMock().removeStub(other);
    }
  }

  @Test
  void injectedFaultsApplyOnTheFastPath() {
    fake.faults().when("POST", "/v1/Services/[^/]+/Documents").status(500).times(3);
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> Document.creator(service).setUniqueName("doc").create(client));
    assertThat(e.getStatusCode()).isEqualTo(500);
    assertThat(e.getCode()).isEqualTo(20500);
    assertThat(Document.creator(service).setUniqueName("doc").create(client).getUniqueName()).isEqualTo("doc");
  }

  @Test
  void anInjectedDelayHoldsTheAnswerBack() {
    fake.faults().when("GET", "/v1/Services/[^/]+/Documents/doc").delay(Duration.ofMillis(300)).times(1);
    Document.creator(service).setUniqueName("doc").create(client);
    long start = System.nanoTime();
    Document.fetcher(service, "doc").fetch(client);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aGlobalFixedDelayStillApplies() {
    fake.wireMock().setGlobalFixedDelay(300);
    try {
      long start = System.nanoTime();
      assertThat(status("/v1/Services")).isEqualTo(401);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    } finally {
      fake.wireMock().setGlobalFixedDelay(0);
    }
  }

  @Test
  void fastPathRequestsShowUpInTheJournalWithHeadersBodyAndAnswer() {
    fake.wireMock().resetRequests();
    long before = System.currentTimeMillis();
    Document.creator(service).setUniqueName("doc").setData(Map.of("n", 1)).create(client);
    Document.fetcher(service, "doc").fetch(client);
    long answered = System.currentTimeMillis();
    await().until(() -> System.currentTimeMillis() > answered + 2); // the journal is read strictly later

    fake.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/v1/Services/" + service + "/Documents"))
        .withHeader("X-Twilio-Client", equalTo("java-11.1.0"))
        .withFormParam("UniqueName", equalTo("doc")));
    fake.wireMock().verify(1, getRequestedFor(urlPathEqualTo("/v1/Services/" + service + "/Documents/doc")));
    List<ServeEvent> events = fake.wireMock().getAllServeEvents();
    assertThat(events).hasSize(2);
    ServeEvent create = events.get(1);
    assertThat(create.getWasMatched()).isTrue();
    assertThat(create.getResponse().getHeaders().getHeader("Matched-Stub-Id").isPresent())
        .as("answered by the fast path, not WireMock").isFalse();
    assertThat(create.getResponse().getStatus()).isEqualTo(201);
    assertThat(create.getResponse().getBodyAsString()).contains("\"unique_name\":\"doc\"");
    assertThat(create.getRequest().getBodyAsString()).contains("UniqueName=doc");
    assertThat(create.getRequest().getLoggedDate().getTime())
        .as("loggedDate is when the request came, not when the journal was read").isBetween(before, answered);
    assertThat(events.get(0).getRequest().getLoggedDate().getTime()).isBetween(before, answered);
    assertThat(fake.wireMock().findAll(getRequestedFor(urlPathMatching(".*/Documents/doc")))).hasSize(1);
    assertThat(fake.wireMock().getServeEvents().getServeEvents().get(0).getId()).isEqualTo(events.get(0).getId());
  }

  private static int status(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
