package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seeded SIDs, snapshot/restore and reset. */
class DeterminismAndSnapshotTest {

  List<String> sidsOf(SyncApiFake fake) {
    var client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    List<String> sids = new ArrayList<>(List.of(fake.accountSid(), service));
    sids.add(Document.creator(service).create(client).getSid());
    sids.add(SyncList.creator(service).create(client).getSid());
    return sids;
  }

  @Test
  void twoFakesWithOneSeedHandOutTheSameSids() {
    try (SyncApiFake a = SyncApiFake.builder().seed(42).start(); SyncApiFake b = SyncApiFake.builder().seed(42).start();
        SyncApiFake c = SyncApiFake.builder().seed(43).start()) {
      List<String> first = sidsOf(a);
      assertThat(sidsOf(b)).isEqualTo(first);
      assertThat(sidsOf(c)).doesNotContainAnyElementsOf(first);
      assertThat(first).allSatisfy(sid -> assertThat(sid).matches("[A-Z]{2}[0-9a-f]{32}"));
    }
  }

  @Test
  void restoreBringsBackObjectsItemsAndTheSidSequence() {
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      var client = fake.twilioClient();
      String service = fake.defaultServiceSid();
      Document.creator(service).setUniqueName("keep").setData(Map.of("v", 1)).create(client);
      SyncApiFake.Snapshot snapshot = fake.snapshot();

      Document.updater(service, "keep").setData(Map.of("v", 2)).update(client);
      String sidAfterSnapshot = Document.creator(service).setUniqueName("later").create(client).getSid();

      fake.restore(snapshot);
      assertThat(Document.fetcher(service, "keep").fetch(client).getData()).isEqualTo(Map.of("v", 1));
      assertThatThrownBy(() -> Document.fetcher(service, "later").fetch(client)).isInstanceOf(ApiException.class);
      assertThat(Document.creator(service).setUniqueName("later").create(client).getSid()).isEqualTo(sidAfterSnapshot);
    }
  }

  @Test
  void resetOverHttpForgetsEverythingButKeepsTheDefaultService() throws IOException, InterruptedException {
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      var client = fake.twilioClient();
      String service = fake.defaultServiceSid();
      SyncList.creator(service).setUniqueName("l").create(client);
      SyncListItem.creator(service, "l", Map.of()).create(client);

      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/__syncwire/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(fake.defaultServiceSid()).isEqualTo(service);
      assertThat(SyncList.reader(service).read(client)).isEmpty();
    }
  }
}
