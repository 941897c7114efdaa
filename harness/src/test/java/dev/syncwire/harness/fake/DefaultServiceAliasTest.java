package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.Service;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.SyncContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/Services/default/...} is the default service, as Twilio's own {@code Runtime.getSync()}
 * (twilio-run, @twilio/runtime-handler) asks for it: through twilio-java, answers and webhooks name
 * the real SID, and no other name stands for a service.
 */
class DefaultServiceAliasTest {
  static final String DEFAULT = SyncContract.DEFAULT_SERVICE_UNIQUE_NAME;
  final RecordingSink sink = new RecordingSink();
  SyncApiFake fake;
  TwilioRestClient client;
  String service;

  @BeforeEach
  void start() {
    fake = SyncApiFake.builder().webhookUrl("http://127.0.0.1:9/sync").webhooksFromRestEnabled(true)
        .webhookSink(sink).start();
    client = fake.twilioClient();
    service = fake.defaultServiceSid();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void theDefaultServiceAnswersToDefaultWithItsRealSidAndUniqueName() {
    Service fetched = Service.fetcher(DEFAULT).fetch(client);

    assertThat(fetched.getSid()).isEqualTo(service);
    assertThat(fetched.getUniqueName()).isEqualTo(DEFAULT);
    assertThat(fetched.getUrl().toString()).isEqualTo("https://sync.twilio.com/v1/Services/" + service);
    assertThat(Service.fetcher(service).fetch(client).getUniqueName()).isEqualTo(DEFAULT);
  }

  @Test
  void writesThroughDefaultLandInTheDefaultServiceAndTheirWebhooksNameItsSid() {
    Document doc = Document.creator(DEFAULT).setUniqueName("call-state").setData(Map.of("stage", "menu"))
        .create(client);
    SyncMap.creator(DEFAULT).setUniqueName("user-presence").create(client);
    SyncMapItem item = SyncMapItem.creator(DEFAULT, "user-presence", "user-1", Map.of("status", "online"))
        .create(client);

    assertThat(doc.getServiceSid()).isEqualTo(service);
    assertThat(doc.getUrl().toString()).startsWith("https://sync.twilio.com/v1/Services/" + service + "/Documents/");
    assertThat(item.getServiceSid()).isEqualTo(service);
    assertThat(Document.fetcher(service, "call-state").fetch(client).getData()).isEqualTo(Map.of("stage", "menu"));
    assertThat(sink.eventTypes()).containsExactly("document_created", "map_created", "map_item_added");
    assertThat(sink.sent).allSatisfy(sent -> assertThat(sent.params().get("ServiceSid")).isEqualTo(service));
  }

  @Test
  void theSdkPagesThroughAListReadByDefault() {
    SyncList.creator(DEFAULT).setUniqueName("activity-feed").create(client);
    for (int i = 0; i < 60; i++) {
      SyncListItem.creator(service, "activity-feed", Map.of("n", i)).create(client);
    }

    List<Integer> indexes = new ArrayList<>();
    SyncListItem.reader(DEFAULT, "activity-feed").pageSize(25).read(client)
        .forEach(listItem -> indexes.add(listItem.getIndex()));

    assertThat(indexes).hasSize(60).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void otherServicesHaveNoUniqueNameAndNoOtherNameStandsForAService() {
    String other = fake.createService("another");

    assertThat(Service.fetcher(other).fetch(client).getUniqueName()).isNull();
    for (String name : List.of("Default", "another", "DEFAULT")) {
      assertThatThrownBy(() -> Service.fetcher(name).fetch(client))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getCode()).isEqualTo(20404);
          });
    }
  }

  @Test
  void afterResetDefaultStillNamesTheRecreatedDefaultService() {
    Document.creator(DEFAULT).setUniqueName("before-reset").create(client);
    fake.reset();

    assertThat(Service.fetcher(DEFAULT).fetch(client).getSid()).isEqualTo(service);
    assertThatThrownBy(() -> Document.fetcher(DEFAULT, "before-reset").fetch(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
  }
}
