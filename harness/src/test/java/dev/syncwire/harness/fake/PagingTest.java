package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twilio's paging envelope followed by the SDK's own reader via next_page_url. */
class PagingTest {
  static SyncApiFake fake;
  static TwilioRestClient client;
  static String service;

  @BeforeAll
  static void start() {
    fake = SyncApiFake.builder().start();
    client = fake.twilioClient();
    service = fake.defaultServiceSid();
    SyncList.creator(service).setUniqueName("feed").create(client);
    for (int i = 0; i < 250; i++) {
      SyncListItem.creator(service, "feed", Map.of("n", i)).create(client);
    }
    SyncMap.creator(service).setUniqueName("m").create(client);
    for (String key : List.of("d", "a", "c", "e", "b")) {
      SyncMapItem.creator(service, "m", key, Map.of()).create(client);
    }
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Test
  void theSdkReaderWalksAll250ItemsInPagesOf50() {
    List<Integer> indexes = new ArrayList<>();
    SyncListItem.reader(service, "feed").pageSize(50).read(client).forEach(i -> indexes.add(i.getIndex()));
    assertThat(indexes).containsExactlyElementsOf(IntStream.range(0, 250).boxed().toList());
    long requests = fake.wireMock().getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().contains("/Items?") && e.getRequest().getMethod().value().equals("GET")
            && e.getRequest().getUrl().contains("PageSize=50"))
        .count();
    assertThat(requests).isGreaterThanOrEqualTo(5);
  }

  @Test
  void pagesCarryTwilioMetaWithAbsoluteUrls() {
    Page<SyncListItem> first = SyncListItem.reader(service, "feed").pageSize(50).firstPage(client);
    assertThat(first.getRecords()).hasSize(50);
    assertThat(first.getPageSize()).isEqualTo(50);
    assertThat(first.getNextPageUrl("sync")).startsWith("https://sync.twilio.com/v1/Services/" + service + "/Lists/feed/Items?")
        .contains("Page=1", "PageToken=");
    assertThat(first.hasNextPage()).isTrue();
    Page<SyncListItem> second = SyncListItem.reader(service, "feed").pageSize(50).nextPage(first, client);
    assertThat(second.getRecords().get(0).getIndex()).isEqualTo(50);
    Page<SyncListItem> back = SyncListItem.reader(service, "feed").pageSize(50).previousPage(second, client);
    assertThat(back.getRecords().get(0).getIndex()).isZero();
  }

  @Test
  void orderDescFromAndBoundsSelectTheStart() {
    List<Integer> desc = new ArrayList<>();
    SyncListItem.reader(service, "feed").setOrder(SyncListItem.QueryResultOrder.DESC).setFrom("100")
        .setBounds(SyncListItem.QueryFromBoundType.EXCLUSIVE).pageSize(3).firstPage(client)
        .getRecords().forEach(i -> desc.add(i.getIndex()));
    assertThat(desc).containsExactly(99, 98, 97);

    List<Integer> asc = new ArrayList<>();
    SyncListItem.reader(service, "feed").setFrom("248").pageSize(5).read(client).forEach(i -> asc.add(i.getIndex()));
    assertThat(asc).containsExactly(248, 249);
  }

  @Test
  void mapItemsComeInKeyOrder() {
    List<String> keys = new ArrayList<>();
    SyncMapItem.reader(service, "m").pageSize(2).read(client).forEach(i -> keys.add(i.getKey()));
    assertThat(keys).containsExactly("a", "b", "c", "d", "e");
    List<String> fromC = new ArrayList<>();
    SyncMapItem.reader(service, "m").setOrder(SyncMapItem.QueryResultOrder.DESC).setFrom("c").read(client)
        .forEach(i -> fromC.add(i.getKey()));
    assertThat(fromC).containsExactly("c", "b", "a");
  }
}
