package com.example.presence;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What PresenceService does when Sync pushes back with 429 (too many requests).
 *
 * <p>Know your client first: twilio-java's HTTP client (Apache HttpClient 5, default retry
 * strategy) repeats a request answered 429 or 503 once, about a second later, POSTs included; and
 * twilio-java itself repeats every 5xx up to 3 attempts. So one SDK call meets a 429 fault twice
 * before it fails ({@code times(2)}), a 500 three times, a 503 six times. PresenceService adds no
 * retry of its own on top: a 429 that survives the client's retry is a PresenceUnavailableException.
 */
@SyncWireTest
class PresenceFaultsTest {
  static final String ITEMS = ".*/Maps/user-presence/Items";

  PresenceService presence;

  @BeforeEach
  void wire(TwilioRestClient client, @SyncServiceSid String serviceSid) {
    presence = new PresenceService(client, serviceSid);
  }

  @Test
  void oneRateLimitedAnswerIsAbsorbedByTheClientsRetry(SyncApiFake fake, SyncEvents events) {
    fake.faults().when("POST", ITEMS).status(429).times(1);

    presence.heartbeat("user-123", "online", "web");

    events.await().type(EventType.MAP_ITEM_ADDED).key("user-123").data("status", "online").within(Duration.ofSeconds(2));
    assertThat(fake.wireMock().findAll(postRequestedFor(urlPathMatching(ITEMS)))).as("429, then the retry").hasSize(2);
  }

  @Test
  void aHeartbeatStillRateLimitedAfterTheRetrySaysSo(SyncApiFake fake, SyncEvents events) {
    fake.faults().when("POST", ITEMS).status(429).times(2);

    assertThatThrownBy(() -> presence.heartbeat("user-123", "online", "web"))
        .isInstanceOf(PresenceUnavailableException.class)
        .hasMessageContaining("user-123").hasMessageContaining("429")
        .satisfies(e -> assertThat(((PresenceUnavailableException) e).getCause().getStatusCode()).isEqualTo(429));

    events.await().type(EventType.MAP_ITEM_ADDED).absentFor(Duration.ofMillis(300));
    assertThat(fake.wireMock().findAll(postRequestedFor(urlPathMatching(ITEMS)))).hasSize(2);
  }

  @Test
  void otherRefusalsAreNotDressedUp(SyncApiFake fake) {
    fake.faults().when("POST", ITEMS).status(403).times(1);

    assertThatThrownBy(() -> presence.heartbeat("user-123", "online", "web"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    assertThat(fake.wireMock().findAll(postRequestedFor(urlPathMatching(ITEMS)))).hasSize(1);
  }
}
