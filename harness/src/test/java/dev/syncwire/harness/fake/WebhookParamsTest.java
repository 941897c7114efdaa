package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.Service;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.FormParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the fake hands to webhook delivery: Twilio's event names and parameters, in order. */
class WebhookParamsTest {
  static final String HOOK = "http://127.0.0.1:9/sync-hook";
  final RecordingSink sink = new RecordingSink();
  SyncApiFake fake;
  TwilioRestClient client;
  String service;

  @BeforeEach
  void start() {
    fake = SyncApiFake.builder().webhookUrl(HOOK).webhooksFromRestEnabled(true).webhookSink(sink).start();
    client = fake.twilioClient();
    service = fake.defaultServiceSid();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void documentEventsCarryDocumentParamsAndNoEndpointId() {
    Document doc = Document.creator(service).setUniqueName("app-config").setData(Map.of("theme", "dark")).create(client);
    Document.updater(service, "app-config").setData(Map.of("theme", "light")).update(client);
    Document.deleter(service, "app-config").delete(client);

    assertThat(sink.eventTypes()).containsExactly("document_created", "document_updated", "document_removed");
    FormParams created = sink.sent.get(0).params();
    assertThat(created.toMultiMap().keySet()).containsExactly("AccountSid", "ServiceSid", "EventType", "Identity",
        "DocumentSid", "DocumentUniqueName", "DocumentRevision", "DocumentData");
    assertThat(created.get("AccountSid")).isEqualTo(fake.accountSid());
    assertThat(created.get("ServiceSid")).isEqualTo(service);
    assertThat(created.get("Identity")).isEqualTo("system");
    assertThat(created.get("DocumentSid")).isEqualTo(doc.getSid());
    assertThat(created.get("DocumentData")).isEqualTo("{\"theme\":\"dark\"}");
    assertThat(sink.sent.get(1).params().get("DocumentRevision")).isEqualTo("1");
    assertThat(sink.sent.get(2).params().contains("DocumentData")).isFalse();
    assertThat(sink.sent).allSatisfy(s -> {
      assertThat(s.url()).isEqualTo(HOOK);
      assertThat(s.authToken()).isEqualTo(fake.authToken());
      assertThat(s.orderingKey()).isEqualTo(service + doc.getSid());
      assertThat(s.params().contains("EndpointId")).isFalse();
    });
  }

  @Test
  void listItemEventsAreOrderedPerListByEventId() {
    SyncList list = SyncList.creator(service).setUniqueName("chat").create(client);
    SyncListItem.creator(service, "chat", Map.of("t", "a")).create(client);
    SyncListItem.updater(service, "chat", 0).setData(Map.of("t", "b")).update(client);
    SyncListItem.deleter(service, "chat", 0).delete(client);
    SyncList.deleter(service, "chat").delete(client);

    assertThat(sink.eventTypes()).containsExactly("list_created", "list_item_added", "list_item_updated", "list_item_removed", "list_removed");
    assertThat(sink.sent.get(0).params().get("ListSid")).isEqualTo(list.getSid());
    assertThat(sink.sent.get(0).params().get("ListRevision")).isEqualTo("0");
    List<String> eventIds = sink.sent.subList(1, 4).stream().map(s -> s.params().get("EventId")).toList();
    assertThat(eventIds).containsExactly("1", "2", "3");
    FormParams updated = sink.sent.get(2).params();
    assertThat(updated.get("ItemIndex")).isEqualTo("0");
    assertThat(updated.get("ItemData")).isEqualTo("{\"t\":\"b\"}");
    assertThat(updated.get("ItemRevision")).isEqualTo("1");
    assertThat(updated.get("ListUniqueName")).isEqualTo("chat");
  }

  @Test
  void mapItemEventsUseTheListPatternAndExpiryFiresRemoval() {
    SyncMap.creator(service).setUniqueName("presence").create(client);
    SyncMapItem.creator(service, "presence", "user-1", Map.of("s", "on")).setItemTtl(60).create(client);
    SyncMapItem.updater(service, "presence", "user-1").setData(Map.of("s", "away")).update(client);
    fake.clock().advance(Duration.ofSeconds(60));

    assertThat(sink.eventTypes()).containsExactly("map_created", "map_item_added", "map_item_updated", "map_item_removed");
    FormParams removed = sink.sent.get(3).params();
    assertThat(removed.get("ItemKey")).isEqualTo("user-1");
    assertThat(removed.get("MapUniqueName")).isEqualTo("presence");
    assertThat(removed.get("EventId")).isEqualTo("3");
    // as in the captured backend event (item_revision "1af", map_revision "1b0"): the map's revision moves with its items
    assertThat(sink.sent.get(1).params().toMultiMap().keySet()).containsExactly("AccountSid", "ServiceSid", "EventType",
        "Identity", "MapSid", "MapUniqueName", "ItemKey", "ItemData", "ItemRevision", "MapRevision", "EventId");
    assertThat(sink.sent.stream().skip(1).map(s -> s.params().get("MapRevision"))).containsExactly("1", "2", "3");
    assertThat(removed.get("ItemRevision")).isEqualTo("1");
    assertThat(removed.get("ItemData")).as("the data before removal").isEqualTo("{\"s\":\"away\"}");
  }

  @Test
  void nothingIsSentWhileWebhooksFromRestAreOffAsTwilioDefaults() {
    Service.updater(service).setWebhooksFromRestEnabled(false).update(client);
    Document.creator(service).setUniqueName("quiet").create(client);
    assertThat(sink.sent).isEmpty();

    Service other = Service.creator().setWebhookUrl(java.net.URI.create(HOOK)).create(client);
    Document.creator(other.getSid()).create(client);
    assertThat(sink.sent).as("a new service defaults webhooks_from_rest_enabled to false").isEmpty();
  }
}
