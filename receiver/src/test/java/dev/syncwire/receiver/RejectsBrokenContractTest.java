package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignedWebhook;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each validation rule, broken on purpose: 400 naming the field, the rule and what arrived; the request is kept. */
class RejectsBrokenContractTest {
  private static SyncReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = SyncReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  static Stream<Arguments> brokenWebhooks() {
    return Stream.of(
        Arguments.of("missing EventType", Webhooks.documentUpdated().remove("EventType").build(),
            "EventType", "required", null),
        Arguments.of("unknown EventType", Webhooks.documentUpdated().set("EventType", "document_changed").build(),
            "EventType", "known_event_type", "document_changed"),
        Arguments.of("short AccountSid", Webhooks.documentUpdated().set("AccountSid", "AC123").build(),
            "AccountSid", "sid_format", "AC123"),
        Arguments.of("ServiceSid of another kind", Webhooks.documentUpdated()
                .set("ServiceSid", "AC" + "a".repeat(32)).build(),
            "ServiceSid", "sid_prefix", "AC" + "a".repeat(32)),
        Arguments.of("non-hex DocumentSid", Webhooks.documentUpdated().set("DocumentSid", "ET" + "z".repeat(32)).build(),
            "DocumentSid", "sid_format", "ET" + "z".repeat(32)),
        Arguments.of("seed ResourceSid of a document on a map event", Webhooks.mapItemRemoved().seedDialect()
                .set("ResourceSid", "ET" + "0".repeat(32)).build(),
            "ResourceSid", "sid_prefix", "ET" + "0".repeat(32)),
        Arguments.of("Data that is not JSON", Webhooks.documentUpdated().data("{stage: greeting").build(),
            "DocumentData", "json", "{stage: greeting"),
        Arguments.of("seed Data that is not JSON", Webhooks.mapItemAdded().seedDialect().data("online").build(),
            "Data", "json", "online"),
        Arguments.of("seed DateCreated that is not a date", Webhooks.documentCreated().seedDialect()
                .set("DateCreated", "yesterday").build(),
            "DateCreated", "iso_date", "yesterday"),
        Arguments.of("negative ItemIndex", Webhooks.listItemAdded().set("ItemIndex", "-1").build(),
            "ItemIndex", "non_negative_integer", "-1"),
        Arguments.of("fractional ItemIndex", Webhooks.listItemUpdated().set("ItemIndex", "1.5").build(),
            "ItemIndex", "non_negative_integer", "1.5"),
        Arguments.of("EventId that is not a number", Webhooks.listItemAdded().set("EventId", "abc").build(),
            "EventId", "non_negative_integer", "abc"),
        Arguments.of("map event without ItemKey", Webhooks.mapItemRemoved().remove("ItemKey").build(),
            "ItemKey", "required", null),
        Arguments.of("ItemKey over 320 characters", Webhooks.mapItemUpdated().key("k".repeat(321)).build(),
            "ItemKey", "item_key_length", "k".repeat(120) + "... (321 characters)"),
        Arguments.of("MapUniqueName over 320 characters", Webhooks.mapItemUpdated().map("m".repeat(321)).build(),
            "MapUniqueName", "unique_name_length", "m".repeat(120) + "... (321 characters)"),
        Arguments.of("list item event naming no list", Webhooks.listItemAdded().remove("ListSid")
                .remove("ListUniqueName").build(),
            "ListSid", "one_of_required", null),
        Arguments.of("map_item_added without ItemData", Webhooks.mapItemAdded().remove("ItemData").build(),
            "ItemData", "required", null),
        Arguments.of("real event without Identity", Webhooks.documentCreated().remove("Identity").build(),
            "Identity", "required", null),
        Arguments.of("endpoint event without EndpointId", Webhooks.endpointDisconnected().remove("EndpointId").build(),
            "EndpointId", "required", null),
        Arguments.of("stream message without MessageData", Webhooks.streamMessagePublished().remove("MessageData")
                .build(),
            "MessageData", "required", null),
        Arguments.of("conflicting EventTypes", with(Webhooks.mapItemAdded().build(), "EventType", "map_item_removed"),
            "EventType", "single_value", "[\"map_item_added\",\"map_item_removed\"]"),
        Arguments.of("repeated ItemKey", with(Webhooks.mapItemAdded().key("user-123").build(), "ItemKey", "other"),
            "ItemKey", "single_value", "[\"user-123\",\"other\"]"),
        Arguments.of("seed document_updated without ResourceSid", Webhooks.documentUpdated().seedDialect()
                .remove("ResourceSid").build(),
            "ResourceSid", "required", null),
        Arguments.of("EventId past Long.MAX_VALUE", Webhooks.listItemAdded().set("EventId", "9223372036854775808")
                .build(),
            "EventId", "non_negative_integer", "9223372036854775808"),
        Arguments.of("upper-case EventType", Webhooks.mapItemAdded().set("EventType", "MAP_ITEM_ADDED").build(),
            "EventType", "exact_event_type", "MAP_ITEM_ADDED"),
        Arguments.of("EventType with a trailing space", Webhooks.mapItemAdded().set("EventType", "map_item_added ")
                .build(),
            "EventType", "exact_event_type", "map_item_added "));
  }

  /** {@code params} and then {@code name} once more: a repeated parameter, as a form body carries it. */
  private static FormParams with(FormParams params, String name, String value) {
    List<FormParams.Param> list = new ArrayList<>(params.asList());
    list.add(new FormParams.Param(name, value));
    return FormParams.of(list);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenWebhooks")
  void rejectsTheBrokenRuleNamingTheField(String why, FormParams params, String field, String rule, String received) {
    WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), params);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    JsonNode body = reply.json();
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("error").asText()).isEqualTo("invalid_webhook");
    assertThat(body.get("field").asText()).isEqualTo(field);
    assertThat(body.get("message").asText()).contains(field);
    JsonNode first = body.get("errors").get(0);
    assertThat(first.get("field").asText()).isEqualTo(field);
    assertThat(first.get("rule").asText()).isEqualTo(rule);
    assertThat(first.get("received").isNull() ? null : first.get("received").asText()).isEqualTo(received);
    // Kept, marked rejected, with the rule that broke.
    SyncEvent kept = receiver.events().get(body.get("id").asLong()).orElseThrow();
    assertThat(kept.status()).isEqualTo(EventStatus.REJECTED);
    assertThat(kept.errors()).extracting(v -> v.field() + ":" + v.rule()).contains(field + ":" + rule);
    assertThat(kept.params()).isEqualTo(params);
  }

  static Stream<Arguments> badlyEncodedBodies() {
    String valid = Webhooks.mapItemAdded().key("user-123").build().encode();
    return Stream.of(
        Arguments.of("a percent that is not an escape", valid + "&X=%ZZ", "X", "%ZZ",
            "'%ZZ' is not a percent-escape"),
        Arguments.of("a lone percent", valid + "&X=%", "X", "%", "a lone '%' at the end is not a percent-escape"),
        Arguments.of("escapes that are not UTF-8", valid.replace("ItemKey=user-123", "ItemKey=user-%C3%28"),
            "ItemKey", "user-%C3%28", "'%C3%28' decodes to bytes that are not UTF-8"),
        Arguments.of("an ISO-8859-1 escape", valid + "&Note=caf%E9", "Note", "caf%E9",
            "'%E9' decodes to bytes that are not UTF-8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badlyEncodedBodies")
  void rejectsABodyThatIsNotWellFormedFormEncoding(String why, String body, String field, String received,
      String problem) {
    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), SignedWebhook.CONTENT_TYPE,
        body.getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    JsonNode first = reply.json().get("errors").get(0);
    assertThat(reply.json().get("field").asText()).isEqualTo(field);
    assertThat(first.get("rule").asText()).isEqualTo("form_encoding");
    assertThat(first.get("received").asText()).isEqualTo(received);
    assertThat(first.get("message").asText()).startsWith(field + " is not valid form encoding: " + problem);
    SyncEvent kept = receiver.events().get(reply.json().get("id").asLong()).orElseThrow();
    assertThat(kept.status()).isEqualTo(EventStatus.REJECTED);
    assertThat(kept.request().body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void namesTheSeedTypeAsSentWhenResourceSidIsOfAnotherKind() {
    FormParams params = Webhooks.mapItemAdded().seedDialect().set("ResourceSid", "ES" + "0".repeat(32)).build();

    WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), params);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").asText())
        .contains("ResourceSid must be a Map SID starting with 'MP' for a map_item_created event")
        .doesNotContain("map_item_added");
  }

  @Test
  void acceptsIndexesAndEventIdsUpToLongMaxValue() {
    String max = Long.toString(Long.MAX_VALUE);
    FormParams params = Webhooks.listItemAdded().set("ItemIndex", max).set("EventId", max).build();

    WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), params);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    SyncEvent event = receiver.events().get(reply.json().get("id").asLong()).orElseThrow();
    assertThat(event.webhook().itemIndex()).isEqualTo(Long.MAX_VALUE);
    assertThat(event.webhook().eventId()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void acceptsAnItemKeyOf200Emoji() {
    FormParams params = Webhooks.mapItemAdded().key("\uD83D\uDE80".repeat(200)).build();

    WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), params);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded;charset=bogus",
      "application/json; charset=\"windows-1252\""})
  void rejectsACharsetOtherThanUtf8With415(String contentType) {
    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), contentType,
        Webhooks.documentUpdated().build().encode().getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(415);
    assertThat(reply.json().get("field").asText()).isEqualTo("Content-Type");
    JsonNode first = reply.json().get("errors").get(0);
    assertThat(first.get("rule").asText()).isEqualTo("charset");
    assertThat(first.get("received").asText()).isEqualTo(contentType);
    assertThat(first.get("message").asText()).contains("UTF-8");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded;charset=\"utf-8\"",
      "application/x-www-form-urlencoded"})
  void acceptsUtf8WithOrWithoutSayingSo(String contentType) {
    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), contentType,
        Webhooks.documentUpdated().build().encode().getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  @Test
  void rejectsAJsonBodyWithADuplicateKey() {
    String json = "{\"EventType\":\"map_item_removed\",\"AccountSid\":\"AC" + "1".repeat(32) + "\",\"ServiceSid\":\"IS"
        + "2".repeat(32) + "\",\"Identity\":\"system\",\"MapSid\":\"MP" + "3".repeat(32)
        + "\",\"ItemKey\":\"user-123\",\"ItemKey\":\"other\"}";

    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/json",
        json.getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    JsonNode first = reply.json().get("errors").get(0);
    assertThat(first.get("field").asText()).isEqualTo("ItemKey");
    assertThat(first.get("rule").asText()).isEqualTo("single_value");
    assertThat(first.get("received").asText()).isEqualTo("[\"user-123\",\"other\"]");
  }

  @Test
  void listsEveryBrokenRuleWithTheFirstOnTop() {
    FormParams params = Webhooks.mapItemUpdated().set("AccountSid", "nope").set("ItemData", "{").remove("ItemKey")
        .build();

    WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), params);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("field").asText()).isEqualTo("AccountSid");
    assertThat(reply.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("AccountSid", "ItemKey", "ItemData");
  }

  @Test
  void rejectsAJsonBodyThatIsNotAnObject() {
    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/json",
        "[1,2]".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("field").asText()).isEqualTo("body");
    assertThat(reply.json().get("errors").get(0).get("rule").asText()).isEqualTo("json_object");
  }

  @Test
  void rejectsAnArrayOrObjectWhereAJsonBodyNeedsAStringOrNumber() {
    String json = "{\"EventType\":\"map_item_removed\",\"AccountSid\":\"AC" + "1".repeat(32) + "\",\"ServiceSid\":\"IS"
        + "2".repeat(32) + "\",\"Identity\":\"system\",\"MapSid\":\"MP" + "3".repeat(32)
        + "\",\"MapUniqueName\":\"user-presence\",\"ItemKey\":[\"a\",\"b\"],\"ItemData\":{\"ok\":true}}";

    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/json",
        json.getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("field").asText()).isEqualTo("ItemKey");
    JsonNode error = reply.json().get("errors").get(0);
    assertThat(error.get("rule").asText()).isEqualTo("scalar");
    assertThat(error.get("received").asText()).isEqualTo("[\"a\",\"b\"]");
    assertThat(error.get("message").asText()).contains("ItemKey must be a string or a number", "an array");
  }

  @Test
  void acceptsAJsonBodyWithTheSameParameters() {
    String json = "{\"EventType\":\"map_item_removed\",\"AccountSid\":\"AC" + "1".repeat(32) + "\",\"ServiceSid\":\"IS"
        + "2".repeat(32) + "\",\"Identity\":\"system\",\"MapSid\":\"MP" + "3".repeat(32)
        + "\",\"MapUniqueName\":\"user-presence\",\"ItemKey\":\"user-123\",\"EventId\":4}";

    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/json",
        json.getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    SyncEvent event = receiver.events().get(reply.json().get("id").asLong()).orElseThrow();
    assertThat(event.itemKey()).isEqualTo("user-123");
    assertThat(event.webhook().eventId()).isEqualTo(4L);
    assertThat(new String(event.request().body(), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  void rejectsAnUnsupportedContentTypeWith415() {
    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "text/plain",
        "EventType=document_updated".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().get("field").asText()).isEqualTo("Content-Type");
    assertThat(reply.json().get("errors").get(0).get("received").asText()).isEqualTo("text/plain");
  }

  @Test
  void rejectsAGetOnTheWebhookPathWith405() {
    WebhookClient.Reply reply = WebhookClient.get(receiver.webhookUrl());

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.json().get("field").asText()).isEqualTo("method");
  }

  @Test
  void keepsExtraParametersItDoesNotKnow() {
    FormParams params = Webhooks.documentUpdated().set("SomethingNew", "kept").build();

    WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), params);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(receiver.events().get(reply.json().get("id").asLong()).orElseThrow().params().get("SomethingNew"))
        .isEqualTo("kept");
  }

  @Test
  void keepsRepeatedParametersAndUtf8ExactlyAsReceived() {
    String body = Webhooks.mapItemAdded().data("{\"name\":\"Zoë 🚀 東京\"}").build().encode() + "&Tag=a&Tag=b";

    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
        body.getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).isEqualTo(200);
    SyncEvent event = receiver.events().get(reply.json().get("id").asLong()).orElseThrow();
    assertThat(event.params().all("Tag")).containsExactly("a", "b");
    assertThat(event.data().get("name").asText()).isEqualTo("Zoë 🚀 東京");
    assertThat(event.request().body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
  }
}
