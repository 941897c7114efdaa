package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A page reuses each item's JSON only while the item is unchanged: every change shows on the next page. */
class PagesShowChangedItemsTest extends SharedFakeTest {
  @Test
  void aPageShowsNewDataRevisionAndExpiryAfterEachChange() {
    SyncMap.creator(service).setUniqueName("m").create(client);
    SyncMapItem.creator(service, "m", "a", Map.of("v", 1)).create(client);
    SyncMapItem.creator(service, "m", "b", Map.of("v", 1)).create(client);
    assertThat(page()).extracting(SyncMapItem::getData).containsExactly(Map.of("v", 1), Map.of("v", 1));

    SyncMapItem.updater(service, "m", "b").setData(Map.of("v", 2)).update(client);
    List<SyncMapItem> afterData = page();
    assertThat(afterData.get(1).getData()).isEqualTo(Map.of("v", 2));
    assertThat(afterData.get(1).getRevision()).isNotEqualTo(afterData.get(0).getRevision());

    SyncMapItem.updater(service, "m", "a").setItemTtl(60).update(client);
    assertThat(page().get(0).getDateExpires()).isNotNull();

    SyncMapItem.creator(service, "m", "c", Map.of("v", 3)).create(client);
    fake.clock().advance(Duration.ofSeconds(61)); // "a" expires
    assertThat(page()).extracting(SyncMapItem::getKey).containsExactly("b", "c");
  }

  @Test
  void aRestoredSnapshotIsPagedAsItWas() {
    SyncMap.creator(service).setUniqueName("m").create(client);
    SyncMapItem.creator(service, "m", "a", Map.of("v", 1)).create(client);
    page();
    SyncApiFake.Snapshot before = fake.snapshot();
    SyncMapItem.updater(service, "m", "a").setData(Map.of("v", 2)).update(client);
    assertThat(page().get(0).getData()).isEqualTo(Map.of("v", 2));

    fake.restore(before);
    assertThat(page().get(0).getData()).isEqualTo(Map.of("v", 1));
  }

  private static List<SyncMapItem> page() {
    return SyncMapItem.reader(service, "m").setPageSize(10L).firstPage(client).getRecords();
  }
}
