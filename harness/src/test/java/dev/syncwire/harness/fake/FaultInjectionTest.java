package dev.syncwire.harness.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import com.twilio.rest.sync.v1.service.Document;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted 5xx/429/slow answers, and user stubs winning over the Sync behaviour. */
class FaultInjectionTest {
  SyncApiFake fake;
  String service;

  @BeforeEach
  void start() {
    fake = SyncApiFake.builder().start();
    service = fake.defaultServiceSid();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void anInjected500IsSeenThreeTimesBecauseTwilioJavaRetries5xx() {
    fake.faults().when("POST", "/v1/Services/[^/]+/Documents").status(500).always();
    ApiException e = catchThrowableOfType(ApiException.class, () -> Document.creator(service).create(fake.twilioClient()));
    assertThat(e.getStatusCode()).isEqualTo(500);
    assertThat(e.getCode()).isEqualTo(20500);
    fake.wireMock().verify(3, postRequestedFor(urlPathEqualTo("/v1/Services/" + service + "/Documents")));
  }

  @Test
  void aFaultForOneRequestIsHiddenByTheSdkRetry() {
    fake.faults().when("POST", "/v1/Services/.*/Documents").status(503).times(1);
    assertThat(Document.creator(service).setUniqueName("d").create(fake.twilioClient()).getUniqueName()).isEqualTo("d");
    fake.wireMock().verify(2, postRequestedFor(urlPathMatching("/v1/Services/.*/Documents")));
  }

  /**
   * twilio-java does not retry 429 itself, but its NetworkHttpClient is Apache HttpClient 5, whose
   * default retry strategy repeats a 429 (and a 503) once, after Retry-After or 1 second.
   */
  @Test
  void a429IsRepeatedOnceByTheSdksHttpClientThenSurfaces() {
    fake.faults().when("*", ".*").status(429).always();
    ApiException e = catchThrowableOfType(ApiException.class, () -> Document.creator(service).create(fake.twilioClient()));
    assertThat(e.getStatusCode()).isEqualTo(429);
    assertThat(e.getCode()).isEqualTo(20429);
    fake.wireMock().verify(2, postRequestedFor(urlPathEqualTo("/v1/Services/" + service + "/Documents")));
  }

  @Test
  void aSlowAnswerIsDelayedByTheServer() {
    fake.faults().when("GET", "/v1/Services/[^/]+").delay(Duration.ofMillis(300)).times(1);
    long start = System.nanoTime();
    com.twilio.rest.sync.v1.Service.fetcher(service).fetch(fake.twilioClient());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aUserStubAnswersBeforeTheFake() {
    fake.stubFor(get(urlPathEqualTo("/v1/Services/" + service + "/Documents/pinned"))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":54100,\"message\":\"Document not found\",\"more_info\":\"x\",\"status\":404}")));
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> Document.fetcher(service, "pinned").fetch(fake.twilioClient()));
    assertThat(e.getCode()).isEqualTo(54100);
  }
}
