package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.base.ResourceSet;
import com.twilio.rest.sync.v1.Service;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.SyncStream;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import com.twilio.rest.sync.v1.service.syncstream.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation in the seed's "API Overview", through the official Java SDK. */
class SeedApiOverviewTest extends SharedFakeTest {
  @Test
  void theDefaultServiceIsReadyAndNewServicesCanBeCreated() {
    Service fetched = Service.fetcher(service).fetch(client);
    assertThat(fetched.getSid()).isEqualTo(service).startsWith("IS").hasSize(34);
    assertThat(fetched.getAccountSid()).isEqualTo(fake.accountSid());
    assertThat(fetched.getWebhooksFromRestEnabled()).isFalse();
    assertThat(fetched.getLinks()).containsKeys("documents", "lists", "maps", "streams");

    Service created = Service.creator().setFriendlyName("My Sync Service").create(client);
    assertThat(created.getFriendlyName()).isEqualTo("My Sync Service");
    assertThat(created.getReachabilityDebouncingWindow()).isEqualTo(5000);
  }

  @Test
  void documentsAreCreatedFetchedByUniqueNameReplacedAndDeleted() {
    Document doc = Document.creator(service).setUniqueName("app-config")
        .setData(Map.of("theme", "dark", "version", "1.0")).setTtl(86400).create(client);
    assertThat(doc.getSid()).startsWith("ET").hasSize(34);
    assertThat(doc.getRevision()).isEqualTo("0");
    assertThat(doc.getCreatedBy()).isEqualTo("system");
    assertThat(doc.getDateExpires()).isEqualTo(doc.getDateCreated().plusSeconds(86400));

    Document fetched = Document.fetcher(service, "app-config").fetch(client);
    assertThat(fetched.getData()).isEqualTo(Map.of("theme", "dark", "version", "1.0"));

    Document updated = Document.updater(service, "app-config").setData(Map.of("theme", "light")).update(client);
    assertThat(updated.getData()).as("full replace, not a merge").isEqualTo(Map.of("theme", "light"));
    assertThat(updated.getRevision()).isEqualTo("1");

    assertThat(Document.deleter(service, "app-config").delete(client)).isTrue();
    assertThat(Document.reader(service).read(client)).isEmpty();
  }

  @Test
  void listItemsGetGrowingIndexesThatAreNeverReused() {
    SyncList list = SyncList.creator(service).setUniqueName("chat-messages").create(client);
    assertThat(list.getSid()).startsWith("ES");
    SyncListItem first = SyncListItem.creator(service, "chat-messages", Map.of("sender", "user123", "text", "Hello!")).create(client);
    SyncListItem second = SyncListItem.creator(service, "chat-messages", Map.of("text", "second")).create(client);
    assertThat(first.getIndex()).isZero();
    assertThat(second.getIndex()).isEqualTo(1);
    assertThat(first.getListSid()).isEqualTo(list.getSid());

    SyncListItem edited = SyncListItem.updater(service, "chat-messages", 0)
        .setData(Map.of("sender", "user123", "text", "Hello! (edited)")).update(client);
    assertThat(edited.getRevision()).isEqualTo("1");
    assertThat(SyncListItem.fetcher(service, list.getSid(), 0).fetch(client).getData())
        .isEqualTo(Map.of("sender", "user123", "text", "Hello! (edited)"));

    SyncListItem.deleter(service, "chat-messages", 1).delete(client);
    SyncListItem third = SyncListItem.creator(service, "chat-messages", Map.of("text", "third")).create(client);
    assertThat(third.getIndex()).isEqualTo(2);

    List<Integer> desc = new ArrayList<>();
    SyncListItem.reader(service, "chat-messages").setOrder(SyncListItem.QueryResultOrder.DESC).limit(20)
        .read(client).forEach(i -> desc.add(i.getIndex()));
    assertThat(desc).containsExactly(2, 0);
  }

  @Test
  void mapItemsAreSetFetchedUpdatedListedAndDeletedByKey() {
    SyncMap map = SyncMap.creator(service).setUniqueName("user-sessions").create(client);
    assertThat(map.getSid()).startsWith("MP");
    SyncMapItem.creator(service, "user-sessions", "user-123", Map.of("status", "online")).create(client);
    SyncMapItem.creator(service, "user-sessions", "user-045", Map.of("status", "online")).create(client);

    SyncMapItem item = SyncMapItem.fetcher(service, "user-sessions", "user-123").fetch(client);
    assertThat(item.getKey()).isEqualTo("user-123");
    assertThat(item.getMapSid()).isEqualTo(map.getSid());

    SyncMapItem updated = SyncMapItem.updater(service, "user-sessions", "user-123")
        .setData(Map.of("status", "away")).update(client);
    assertThat(updated.getData()).isEqualTo(Map.of("status", "away"));

    ResourceSet<SyncMapItem> all = SyncMapItem.reader(service, "user-sessions").limit(100).read(client);
    List<String> keys = new ArrayList<>();
    all.forEach(i -> keys.add(i.getKey()));
    assertThat(keys).containsExactly("user-045", "user-123");

    SyncMapItem.deleter(service, "user-sessions", "user-123").delete(client);
    assertThat(SyncMapItem.reader(service, map.getSid()).read(client)).hasSize(1);
  }

  @Test
  void streamMessagesArePublishedButNotKept() {
    SyncStream stream = SyncStream.creator(service).setUniqueName("typing-indicators").create(client);
    assertThat(stream.getSid()).startsWith("TO");
    StreamMessage message = StreamMessage.creator(service, "typing-indicators",
        Map.of("userId", "user-123", "typing", true)).create(client);
    assertThat(message.getSid()).startsWith("TZ").hasSize(34);
    assertThat(message.getData()).isEqualTo(Map.of("userId", "user-123", "typing", true));
  }
}
