package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.Webhooks;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/events filters, one event by id, DELETE, /health, the SSE stream, and 400s for odd queries. */
class QueryApiTest {
  private SyncReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SyncReceiver.start(ReceiverConfig.builder().maxEvents(50).build());
    post(Webhooks.mapItemAdded().map("user-presence").key("user-123"));           // 1
    post(Webhooks.mapItemRemoved().map("user-presence").key("user-456"));         // 2
    post(Webhooks.mapItemAdded().seedDialect().map("user-presence").key("user-456")); // 3 (seed map_item_created)
    post(Webhooks.listItemAdded().list("activity-feed").index(4));                 // 4
    post(Webhooks.documentUpdated().document("app-config").set("DocumentSid", "nope")); // 5 rejected
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void listsEventsNewestFirst() {
    JsonNode page = get("/api/events");
    assertThat(ids(page)).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(page.get("count").asInt()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "type=map_item_added            | 3,1",
      "type=map_item_created          | 3,1",
      "type=map_item_removed          | 2",
      "object=user-presence           | 3,2,1",
      "object=activity-feed&index=4   | 4",
      "key=user-456                   | 3,2",
      "status=rejected                | 5",
      "status=accepted&limit=2        | 4,3",
      "since=3                        | 5,4",
      "type=map_item_added&key=user-123 | 1"})
  void filters(String query, String expected) {
    List<Long> want = new ArrayList<>();
    for (String id : expected.split(",")) {
      want.add(Long.parseLong(id.trim()));
    }
    assertThat(ids(get("/api/events?" + query.trim()))).containsExactlyElementsOf(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"type=", "object=", "key=", "index=", "status=", "since=", "limit=", "type",
      "type=&object=&key=&index=&status=&since=&limit=", "type=&key=user-456"})
  void anEmptyValueMeansNoFilterAsAnHtmlFormSendsIt(String query) {
    List<Long> all = query.contains("user-456") ? List.of(3L, 2L) : List.of(5L, 4L, 3L, 2L, 1L);

    assertThat(ids(get("/api/events?" + query))).containsExactlyElementsOf(all);
  }

  @Test
  void theTemplateTheRootDocumentsWorksAsItIs() {
    String template = get("/").get("events").asText();

    assertThat(ids(get(template.substring("GET ".length())))).containsExactly(5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void filtersByObjectSidAsWellAsUniqueName() {
    String sid = receiver.events().get(4).orElseThrow().objectSid();
    assertThat(ids(get("/api/events?object=" + sid))).containsExactly(4L);
  }

  @Test
  void filtersByInstant() {
    Instant third = receiver.events().get(3).orElseThrow().receivedAt();
    assertThat(ids(get("/api/events?since=" + third))).contains(5L, 4L, 3L).doesNotContain(1L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "limit=abc     | limit  | non_negative_integer",
      "limit=0       | limit  | range",
      "limit=51      | limit  | range",
      "index=-1      | index  | non_negative_integer",
      "type=nope     | type   | known_event_type",
      "status=maybe  | status | one_of",
      "since=monday  | since  | instant_or_id",
      "tpye=map_item_added | tpye | known_parameter",
      "key=a&key=b   | key    | single_value"})
  void oddQueryValuesGetA400NamingTheParameter(String query, String field, String rule) {
    WebhookClient.Reply reply = WebhookClient.get(receiver.baseUrl().resolve("/api/events?" + query.trim()));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo("invalid_query");
    assertThat(reply.json().get("field").asText()).isEqualTo(field);
    assertThat(reply.json().get("errors").get(0).get("rule").asText()).isEqualTo(rule);
  }

  @Test
  void honoursAnyLimitUpToTheCap() {
    for (int i = 0; i < 60; i++) {
      post(Webhooks.listItemAdded().index(100 + i).eventId(100 + i));
    }
    assertThat(get("/api/events?limit=50").get("events").size()).isEqualTo(50);
    JsonNode health = get("/health");
    assertThat(health.get("held").asInt()).isEqualTo(50);
    assertThat(health.get("dropped").asInt()).isEqualTo(15);
  }

  @Test
  void fetchesOneEventAndAnswers404ForAnUnknownId() {
    assertThat(get("/api/events/4").get("objectName").asText()).isEqualTo("activity-feed");
    WebhookClient.Reply missing = WebhookClient.get(receiver.baseUrl().resolve("/api/events/999"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("field").asText()).isEqualTo("id");
    assertThat(WebhookClient.get(receiver.baseUrl().resolve("/api/events/x")).status()).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/api/events/1/extra", "/api/events/stream/x", "/api/events/"})
  void aPathBelowAnEventIsAJson404(String path) {
    WebhookClient.Reply reply = WebhookClient.get(receiver.baseUrl().resolve(path));

    assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    assertThat(reply.json().get("error").asText()).isEqualTo("not_found");
    assertThat(reply.json().get("field").asText()).isEqualTo("path");
    assertThat(reply.json().get("errors").get(0).get("received").asText()).isEqualTo(path);
  }

  @Test
  void oneEventTakesNoQueryParametersAndNamesTheOneGiven() {
    WebhookClient.Reply reply = WebhookClient.get(receiver.baseUrl().resolve("/api/events/4?type=map_item_added"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo("invalid_query");
    assertThat(reply.json().get("field").asText()).isEqualTo("type");
    assertThat(reply.json().get("errors").get(0).get("rule").asText()).isEqualTo("known_parameter");
    assertThat(reply.json().get("message").asText())
        .isEqualTo("'type' is not a parameter of /api/events/{id}, which takes none; filters (index, key, limit, "
            + "object, since, status, type) belong to GET /api/events");
  }

  @Test
  void deleteForgetsTheEventsInMemory() {
    WebhookClient.Reply reply = WebhookClient.delete(receiver.baseUrl().resolve("/api/events"));
    assertThat(reply.json().get("cleared").asInt()).isEqualTo(5);
    assertThat(get("/api/events").get("events").size()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "type=map_item_added  | type",
      "status=rejected      | status",
      "limit=1&key=user-123 | limit"})
  void deleteTakesNoFiltersAndForgetsNothingWhenGivenOne(String query, String field) {
    WebhookClient.Reply reply = WebhookClient.delete(receiver.baseUrl().resolve("/api/events?" + query.trim()));

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().get("field").asText()).isEqualTo(field);
    assertThat(reply.json().get("errors").get(0).get("rule").asText()).isEqualTo("no_filters");
    assertThat(reply.json().get("message").asText())
        .isEqualTo("DELETE /api/events forgets every event; it takes no filters, received " + query.trim());
    assertThat(get("/api/events").get("count").asInt()).isEqualTo(5);
  }

  @Test
  void healthCountsWhatArrived() {
    JsonNode health = get("/health");
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("accepted").asInt()).isEqualTo(4);
    assertThat(health.get("rejected").asInt()).isEqualTo(1);
    assertThat(health.get("cap").asInt()).isEqualTo(50);
  }

  @Test
  void theRootSaysWhereEverythingIs() {
    JsonNode index = get("/");
    assertThat(index.get("webhooks").asText()).isEqualTo("POST /webhooks");
    assertThat(index.get("stream").asText()).contains("/api/events/stream");
  }

  @Test
  void unknownPathsGetAJson404() {
    WebhookClient.Reply reply = WebhookClient.get(receiver.baseUrl().resolve("/nothing"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("message").asText()).contains("/webhooks");
  }

  @Test
  void theStreamReplaysFromAnIdThenSendsNewEventsLive() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    // object= is empty: no filter, as on GET /api/events
    HttpRequest request = HttpRequest.newBuilder(
            receiver.baseUrl().resolve("/api/events/stream?since=3&type=map_item_removed&object="))
        .timeout(Duration.ofSeconds(10)).build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      post(Webhooks.mapItemAdded().key("ignored"));
      post(Webhooks.mapItemRemoved().key("user-789"));
      String data = null;
      String id = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        }
        if (line.startsWith("data: ")) {
          data = line.substring(6);
          break;
        }
      }
      JsonNode event = WebhookClient.JSON.readTree(data);
      assertThat(event.get("itemKey").asText()).isEqualTo("user-789");
      assertThat(event.get("canonicalType").asText()).isEqualTo("map_item_removed");
      assertThat(id).isEqualTo(event.get("id").asText());
    }
  }

  private void post(dev.syncwire.fixtures.WebhookBuilder builder) {
    WebhookClient.postForm(receiver.webhookUrl(), builder.build());
  }

  private JsonNode get(String path) {
    WebhookClient.Reply reply = WebhookClient.get(URI.create(receiver.baseUrl() + path));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("events").forEach(e -> ids.add(e.get("id").asLong()));
    return ids;
  }
}
