package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.Webhooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST/GET/DELETE /api/reply-policy}: the same rules as Java, bad input in the receiver's one error shape. */
class ReplyPolicyOverHttpTest {
  private final SyncReceiver receiver = SyncReceiver.start();
  private final URI api = receiver.baseUrl().resolve("/api/reply-policy");

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookClient.Reply postRule(String json) {
    return WebhookClient.post(api, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static void assertError(WebhookClient.Reply reply, String field, String rule, String received) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    JsonNode json = reply.json();
    assertThat(json.get("error").asText()).isEqualTo("invalid_reply_rule");
    assertThat(json.get("field").asText()).isEqualTo(field);
    JsonNode first = json.get("errors").get(0);
    assertThat(first.get("field").asText()).isEqualTo(field);
    assertThat(first.get("rule").asText()).isEqualTo(rule);
    assertThat(first.get("received").isNull() ? null : first.get("received").asText()).isEqualTo(received);
    assertThat(first.get("message").asText()).isNotBlank();
  }

  @Test
  void aPostedRuleAnswersTheMatchingWebhooksAndIsListedUntilUsedUp() {
    WebhookClient.Reply added = postRule("{\"status\":500,\"times\":1,\"type\":\"map_item_created\",\"key\":\"user-123\"}");

    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().get("id").asText()).isEqualTo("r1");
    assertThat(added.json().get("remaining").asInt()).isEqualTo(1);
    assertThat(WebhookClient.get(api).json().get("rules")).hasSize(1);

    WebhookClient.Reply other = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().key("user-9").build());
    WebhookClient.Reply hit = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().key("user-123").build());

    assertThat(other.status()).isEqualTo(200);
    assertThat(hit.status()).isEqualTo(500);
    assertThat(WebhookClient.get(api).json().get("rules")).isEmpty();
  }

  @Test
  void deleteClearsEveryRule() {
    postRule("{\"drop\":true}");
    postRule("{\"delay\":\"PT1S\",\"status\":503,\"body\":\"busy\"}");

    WebhookClient.Reply listed = WebhookClient.get(api);
    WebhookClient.Reply cleared = WebhookClient.delete(api);

    assertThat(listed.json().get("rules")).extracting(r -> r.get("description").asText())
        .containsExactly("r1 any -> drop always", "r2 any -> 503 after PT1S always");
    assertThat(cleared.json().get("cleared").asInt()).isEqualTo(2);
    assertThat(WebhookClient.postForm(receiver.webhookUrl(), Webhooks.listItemAdded().build()).status()).isEqualTo(200);
  }

  @Test
  void anUnknownFieldIsNamed() {
    assertError(postRule("{\"status\":500,\"code\":20500}"), "code", "unknown_field", "code");
  }

  @Test
  void aStatusOutOfRangeIsNamed() {
    assertError(postRule("{\"status\":700}"), "status", "range", "700");
  }

  @Test
  void aStatusAsTextIsAWrongType() {
    assertError(postRule("{\"status\":\"500\"}"), "status", "type", "500");
  }

  @Test
  void anUnknownEventTypeIsNamed() {
    assertError(postRule("{\"status\":500,\"type\":\"map_item_exploded\"}"), "type", "known_event_type", "map_item_exploded");
  }

  @Test
  void aDelayThatIsNotAnIsoDurationIsNamed() {
    assertError(postRule("{\"delay\":\"2s\"}"), "delay", "iso_duration", "2s");
  }

  @Test
  void aRuleThatDoesNothingIsRefused() {
    assertError(postRule("{\"times\":2}"), "status", "status_delay_or_drop", null);
  }

  @Test
  void dropWithAStatusIsRefused() {
    assertError(postRule("{\"drop\":true,\"status\":500}"), "status", "not_with_drop", "500");
  }

  @Test
  void zeroTimesIsRefused() {
    assertError(postRule("{\"status\":500,\"times\":0}"), "times", "at_least_1", "0");
  }

  @Test
  void everyBrokenRuleIsListed() {
    WebhookClient.Reply reply = postRule("{\"status\":99,\"times\":-1,\"delay\":\"soon\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("status", "delay", "times");
  }

  @Test
  void aBodyThatIsNotJsonOrEmptyIsRefused() {
    assertError(postRule("status=500"), "body", "json", "status=500");
    assertError(postRule(""), "body", "json_object", "");
    assertError(postRule("[1]"), "body", "type", null);
  }

  @Test
  void anotherMethodIsA405ListingTheMethods() {
    WebhookClient.Reply put = WebhookClient.send("PUT", api);

    assertThat(put.status()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, POST, DELETE");
    assertThat(WebhookClient.get(api).json().get("rules")).isEmpty();
  }

  @Test
  void aQueryParameterIsRefusedAndAddsNothing() {
    WebhookClient.Reply reply = WebhookClient.post(receiver.baseUrl().resolve("/api/reply-policy?times=1"),
        "application/json", "{\"status\":500}".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(receiver.replyPolicy().rules()).isEmpty();
  }
}
