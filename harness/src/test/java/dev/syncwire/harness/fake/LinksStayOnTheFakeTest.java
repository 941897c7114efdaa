package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every URL in an answer names the origin the request arrived for: Twilio's host through
 * FakeHttpClient, the fake's own address for a client that dials it. So 250 list items and 250
 * map items read page by page, in either order, come back each exactly once, in order, whether
 * twilio-java follows the links or a plain client follows next_page_url as written.
 */
class LinksStayOnTheFakeTest {
  static final int ITEMS = 250;
  static final String TWILIO = "https://sync.twilio.com/v1/Services/";
  static SyncApiFake fake;
  static TwilioRestClient client;
  static String service;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void fill() {
    fake = SyncApiFake.builder().start();
    client = fake.twilioClient();
    service = fake.defaultServiceSid();
    SyncList.creator(service).setUniqueName("feed").create(client);
    for (int i = 0; i < ITEMS; i++) {
      SyncListItem.creator(service, "feed", Map.of("n", i)).create(client);
    }
    SyncMap.creator(service).setUniqueName("roster").create(client);
    List<String> keys = new ArrayList<>(expectedKeys("asc"));
    Collections.shuffle(keys, new Random(7)); // the map orders by key, not by insertion
    keys.forEach(key -> SyncMapItem.creator(service, "roster", key, Map.of("key", key)).create(client));
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"asc", "desc"})
  void theSdkReaderWalksEveryListAndMapItemOnceInOrder(String order) {
    List<Integer> indexes = new ArrayList<>();
    SyncListItem.reader(service, "feed").setOrder(SyncListItem.QueryResultOrder.forValue(order)).read(client)
        .forEach(item -> {
          indexes.add(item.getIndex());
          assertThat(item.getUrl().toString()).startsWith(TWILIO + service + "/Lists/");
        });
    assertThat(indexes).containsExactlyElementsOf(expectedIndexes(order));

    List<String> keys = new ArrayList<>();
    SyncMapItem.reader(service, "roster").setOrder(SyncMapItem.QueryResultOrder.forValue(order)).read(client)
        .forEach(item -> {
          keys.add(item.getKey());
          assertThat(item.getUrl().toString()).startsWith(TWILIO + service + "/Maps/");
        });
    assertThat(keys).containsExactlyElementsOf(expectedKeys(order));
  }

  @ParameterizedTest
  @ValueSource(strings = {"asc", "desc"})
  void firstPageAndNextPageGiveFivePagesOfFiftyThatNameTwiliosHost(String order) {
    var listReader = SyncListItem.reader(service, "feed").setOrder(SyncListItem.QueryResultOrder.forValue(order));
    List<Integer> indexes = new ArrayList<>();
    int pages = 0;
    for (Page<SyncListItem> page = listReader.firstPage(client); ; page = listReader.nextPage(page, client)) {
      pages++;
      assertThat(page.getRecords()).hasSize(50);
      assertPageUrls(page, "/Lists/feed/Items?");
      page.getRecords().forEach(item -> indexes.add(item.getIndex()));
      if (!page.hasNextPage()) {
        break;
      }
    }
    assertThat(pages).isEqualTo(ITEMS / 50);
    assertThat(indexes).containsExactlyElementsOf(expectedIndexes(order));

    var mapReader = SyncMapItem.reader(service, "roster").setOrder(SyncMapItem.QueryResultOrder.forValue(order));
    List<String> keys = new ArrayList<>();
    pages = 0;
    for (Page<SyncMapItem> page = mapReader.firstPage(client); ; page = mapReader.nextPage(page, client)) {
      pages++;
      assertThat(page.getRecords()).hasSize(50);
      assertPageUrls(page, "/Maps/roster/Items?");
      page.getRecords().forEach(item -> keys.add(item.getKey()));
      if (!page.hasNextPage()) {
        break;
      }
    }
    assertThat(pages).isEqualTo(ITEMS / 50);
    assertThat(keys).containsExactlyElementsOf(expectedKeys(order));
  }

  @ParameterizedTest
  @ValueSource(strings = {"asc", "desc"})
  void aPlainClientFollowsNextPageUrlAsWrittenAndStaysOnTheFake(String order) throws Exception {
    String origin = "http://127.0.0.1:" + fake.port();
    String collection = "/v1/Services/" + service;
    List<JsonNode> list = walk(origin + collection + "/Lists/feed/Items?Order=" + order, origin);
    assertThat(list).extracting(item -> item.get("index").asInt()).containsExactlyElementsOf(expectedIndexes(order));
    List<JsonNode> map = walk(origin + collection + "/Maps/roster/Items?Order=" + order, origin);
    assertThat(map).extracting(item -> item.get("key").asText()).containsExactlyElementsOf(expectedKeys(order));
  }

  @Test
  void resourcesAndTheirLinksNameTheOriginTheRequestArrivedFor() throws Exception {
    String origin = "http://127.0.0.1:" + fake.port();
    JsonNode direct = get(origin + "/v1/Services/" + service + "/Lists/feed");
    assertThat(direct.get("url").asText()).isEqualTo(origin + "/v1/Services/" + service + "/Lists/" + direct.get("sid").asText());
    assertThat(direct.get("links").get("items").asText()).isEqualTo(direct.get("url").asText() + "/Items");
    JsonNode serviceJson = get(origin + "/v1/Services/" + service);
    assertThat(serviceJson.get("links")).allSatisfy(link -> assertThat(link.asText()).startsWith(origin + "/v1/Services/"));

    SyncList viaSdk = SyncList.fetcher(service, "feed").fetch(client);
    assertThat(viaSdk.getUrl().toString()).isEqualTo(TWILIO + service + "/Lists/" + viaSdk.getSid());
    assertThat(viaSdk.getLinks().get("items")).isEqualTo(TWILIO + service + "/Lists/" + viaSdk.getSid() + "/Items");
  }

  /** Follows next_page_url verbatim from {@code url}, checking every link names {@code origin}; returns the items. */
  private static List<JsonNode> walk(String url, String origin) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    int pages = 0;
    for (String next = url; next != null; pages++) {
      JsonNode page = get(next);
      JsonNode meta = page.get("meta");
      for (String link : List.of("url", "first_page_url", "previous_page_url", "next_page_url")) {
        assertThat(meta.get(link).isNull() || meta.get(link).asText().startsWith(origin + "/v1/Services/"))
            .as("%s on page %d: %s", link, pages, meta.get(link)).isTrue();
      }
      page.get("items").forEach(item -> {
        assertThat(item.get("url").asText()).startsWith(origin + "/v1/Services/" + service);
        items.add(item);
      });
      next = meta.get("next_page_url").isNull() ? null : meta.get("next_page_url").asText();
    }
    assertThat(pages).isEqualTo(ITEMS / 50);
    return items;
  }

  private static JsonNode get(String url) throws Exception {
    String auth = Base64.getEncoder().encodeToString(
        (fake.accountSid() + ":" + fake.authToken()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private static void assertPageUrls(Page<?> page, String collection) {
    String prefix = TWILIO + service + collection;
    assertThat(page.getUrl("sync")).startsWith(prefix);
    assertThat(page.getFirstPageUrl("sync")).startsWith(prefix);
    if (page.hasNextPage()) {
      assertThat(page.getNextPageUrl("sync")).startsWith(prefix);
    }
  }

  private static List<Integer> expectedIndexes(String order) {
    return ordered(IntStream.range(0, ITEMS).boxed().toList(), order, Function.identity());
  }

  private static List<String> expectedKeys(String order) {
    return ordered(IntStream.range(0, ITEMS).boxed().toList(), order, i -> String.format("user-%03d", i));
  }

  private static <T> List<T> ordered(List<Integer> ascending, String order, Function<Integer, T> each) {
    List<T> out = new ArrayList<>(ascending.stream().map(each).toList());
    if (order.equals("desc")) {
      Collections.reverse(out);
    }
    return out;
  }
}
