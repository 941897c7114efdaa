package dev.syncwire.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Revisions are opaque strings counted in lowercase hex, as Twilio's captured events show
 * ({@code "1af"}): the fake writes them so in REST answers and webhooks, compares If-Match as text,
 * and the receiver, its JSON API and the await API pass one through untouched.
 */
class HexRevisionsTest extends FakeWiredToReceiver {

  @Test
  void theTenthDocumentRevisionIsAInRestAnswersWebhooksAndIfMatch() {
    try (SyncEvents events = SyncEvents.of(receiver)) {
      Document.creator(service).setUniqueName("call-CA1").setData(Map.of("n", 0)).create(client);
      Document last = null;
      for (int n = 1; n <= 10; n++) {
        last = Document.updater(service, "call-CA1").setData(Map.of("n", n)).update(client);
      }
      assertThat(last.getRevision()).isEqualTo("a");
      SyncEvent tenth = events.await().type("document_updated").object("call-CA1")
          .where("data.n is 10", e -> e.data() != null && e.data().path("n").asInt() == 10).within(Duration.ofSeconds(5));
      assertThat(tenth.webhook().params().get("DocumentRevision")).isEqualTo("a");
      assertThat(tenth.revision()).isEqualTo("a");

      // If-Match is a string comparison: "10" (the decimal count) is not the revision "a"
      ApiException stale = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() ->
          Document.updater(service, "call-CA1").setData(Map.of("n", 11)).setIfMatch("10").update(client));
      assertThat(stale.getStatusCode()).isEqualTo(412);
      assertThat(stale.getCode()).isEqualTo(20412);
      assertThat(stale.getMessage()).contains("current revision is 'a'");
      Document matched = Document.updater(service, "call-CA1").setData(Map.of("n", 11)).setIfMatch("a").update(client);
      assertThat(matched.getRevision()).isEqualTo("b");
    }
  }

  @Test
  void mapItemRevisionsCountInHexToo() {
    try (SyncEvents events = SyncEvents.of(receiver)) {
      SyncMap.creator(service).setUniqueName("user-presence").create(client);
      SyncMapItem.creator(service, "user-presence", "user-123", Map.of("n", 0)).create(client);
      SyncMapItem item = null;
      for (int n = 1; n <= 16; n++) {
        item = SyncMapItem.updater(service, "user-presence", "user-123").setData(Map.of("n", n)).update(client);
      }
      assertThat(item.getRevision()).isEqualTo("10"); // sixteen in hex
      SyncEvent sixteenth = events.await().type("map_item_updated").key("user-123")
          .where("data.n is 16", e -> e.data() != null && e.data().path("n").asInt() == 16).within(Duration.ofSeconds(5));
      assertThat(sixteenth.webhook().params().get("ItemRevision")).isEqualTo("10");
      assertThatThrownBy(() -> SyncMapItem.deleter(service, "user-presence", "user-123").setIfMatch("16").delete(client))
          .isInstanceOf(ApiException.class).hasMessageContaining("current revision is '10'");
      assertThat(SyncMapItem.deleter(service, "user-presence", "user-123").setIfMatch("10").delete(client)).isTrue();
    }
  }

  @Test
  void aCapturedRevisionSuchAs1afPassesThroughTheReceiverItsJsonApiAndAwaits() throws Exception {
    try (SyncEvents events = SyncEvents.of(receiver)) {
      // the backend event Twilio's Kotlin SDK quotes: item_revision "1af", map_revision "1b0", id 431
      dev.syncwire.fixtures.SignedWebhook webhook = Webhooks.mapItemRemoved().map("user-presence").key("key30")
          .itemRevision("1af").set("MapRevision", "1b0").eventId(431)
          .sign(receiver.webhookUrl().toString(), fake.authToken());
      HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(webhook.url()))
          .POST(HttpRequest.BodyPublishers.ofString(webhook.body()));
      webhook.headers().forEach(post::header);
      HttpClient http = HttpClient.newHttpClient();
      assertThat(http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isBetween(200, 299);

      SyncEvent removed = events.awaitMapItemRemoved("user-presence", "key30", Duration.ofSeconds(5));
      assertThat(removed.accepted()).as("%s", removed.errors()).isTrue();
      assertThat(removed.revision()).isEqualTo("1af");
      assertThat(removed.webhook().params().get("MapRevision")).isEqualTo("1b0");
      HttpResponse<String> api = http.send(HttpRequest.newBuilder(
          receiver.baseUrl().resolve("/api/events/" + removed.id())).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = new ObjectMapper().readTree(api.body());
      assertThat(json.path("revision").isTextual()).as(api.body()).isTrue();
      assertThat(json.path("revision").asText()).isEqualTo("1af");
    }
  }
}
