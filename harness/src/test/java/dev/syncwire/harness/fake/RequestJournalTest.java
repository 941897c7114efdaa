package dev.syncwire.harness.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.twilio.rest.sync.v1.service.Document;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded request journal: verify works, the newest N requests are kept, 0 turns it off. */
class RequestJournalTest {
  @Test
  void keepsTheNewestEntriesNewestFirstAndVerifyCountsThem() {
    try (SyncApiFake fake = SyncApiFake.builder().requestJournalEntries(3).start()) {
      String service = fake.defaultServiceSid();
      for (int i = 0; i < 5; i++) {
        Document.creator(service).setUniqueName("d" + i).setData(Map.of("n", i)).create(fake.twilioClient());
      }
      List<ServeEvent> events = fake.wireMock().getAllServeEvents();
      assertThat(events).hasSize(3);
      assertThat(events).extracting(e -> e.getRequest().getBodyAsString())
          .allSatisfy(body -> assertThat(body).contains("UniqueName=d"))
          .first().asString().contains("UniqueName=d4");
      assertThat(events.get(2).getRequest().getBodyAsString()).contains("UniqueName=d2");
      assertThat(events).allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(201));
      fake.wireMock().verify(3, postRequestedFor(urlPathEqualTo("/v1/Services/" + service + "/Documents")));

      fake.wireMock().resetRequests();
      assertThat(fake.wireMock().getAllServeEvents()).isEmpty();
      Document.fetcher(service, "d0").fetch(fake.twilioClient());
      assertThat(fake.wireMock().getAllServeEvents()).hasSize(1);
    }
  }

  @Test
  void theDefaultKeepsTenThousand() {
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      Document.creator(fake.defaultServiceSid()).create(fake.twilioClient());
      fake.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/v1/Services/" + fake.defaultServiceSid() + "/Documents")));
      assertThat(SyncApiFake.Builder.DEFAULT_REQUEST_JOURNAL_ENTRIES).isEqualTo(10_000);
    }
  }

  @Test
  void zeroTurnsTheJournalOff() {
    try (SyncApiFake fake = SyncApiFake.builder().requestJournalEntries(0).start()) {
      Document.creator(fake.defaultServiceSid()).create(fake.twilioClient());
      assertThatThrownBy(() -> fake.wireMock().getAllServeEvents()).hasMessageContaining("journal");
    }
  }

  @Test
  void aNegativeSizeIsRefused() {
    assertThatThrownBy(() -> SyncApiFake.builder().requestJournalEntries(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
