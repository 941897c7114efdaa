package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Violation;
import dev.syncwire.fixtures.Webhooks;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reply policy from Java: what is answered, and that the event is recorded with what was answered. */
class ReplyPolicyTest {
  private final SyncReceiver receiver = SyncReceiver.start();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookClient.Reply post(dev.syncwire.fixtures.WebhookBuilder webhook, String token) {
    byte[] body = webhook.build().encode().getBytes(StandardCharsets.UTF_8);
    return WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body,
        Map.of("I-Twilio-Idempotency-Token", token));
  }

  @Test
  void theNextWebhookIsAnswered500AndRecordedWithWhatWasAnswered() {
    ReplyPolicy.Rule rule = receiver.replyPolicy().whenAny().status(500).times(1);

    WebhookClient.Reply first = post(Webhooks.mapItemAdded().eventId(1), "t1");
    WebhookClient.Reply second = post(Webhooks.mapItemAdded().eventId(2), "t2");

    assertThat(first.status()).isEqualTo(500);
    assertThat(first.json().get("error").asText()).isEqualTo("reply_policy");
    assertThat(first.json().get("message").asText()).contains("rule " + rule.id());
    assertThat(second.status()).isEqualTo(200);
    SyncEvent recorded = receiver.events().get(first.json().get("id").asLong()).orElseThrow();
    assertThat(recorded.status()).isEqualTo(EventStatus.ACCEPTED);
    assertThat(recorded.errors()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("reply");
      assertThat(v.rule()).isEqualTo("reply_policy");
      assertThat(v.received()).isEqualTo("500");
      assertThat(v.message()).contains("answered 500").contains("the sender was told the delivery failed");
    });
    assertThat(receiver.events().get(second.json().get("id").asLong()).orElseThrow().errors()).isEmpty();
    assertThat(receiver.replyPolicy().rules()).isEmpty();
  }

  @Test
  void theEventJsonOfTheQueryApiShowsTheReply() {
    receiver.replyPolicy().whenAny().status(503, "{\"error\":\"busy\"}").times(1);

    WebhookClient.Reply answered = post(Webhooks.mapItemAdded().eventId(1), "t1");
    WebhookClient.Reply event = WebhookClient.get(receiver.baseUrl().resolve("/api/events?status=accepted"));

    assertThat(answered.status()).isEqualTo(503);
    assertThat(answered.body()).isEqualTo("{\"error\":\"busy\"}");
    assertThat(answered.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(event.json().get("events").get(0).get("status").asText()).isEqualTo("accepted");
    assertThat(event.json().get("events").get(0).get("errors").get(0).get("received").asText()).isEqualTo("503");
  }

  @Test
  void aRetryAfterA500IsADuplicateAnswered200() {
    receiver.replyPolicy().whenAny().status(500).times(1);

    WebhookClient.Reply first = post(Webhooks.mapItemAdded().eventId(1), "same");
    WebhookClient.Reply retry = post(Webhooks.mapItemAdded().eventId(1), "same");

    assertThat(first.status()).isEqualTo(500);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().get("result").asText()).isEqualTo("duplicate");
    assertThat(retry.json().get("duplicateOf").asLong()).isEqualTo(first.json().get("id").asLong());
  }

  @Test
  void aFilterMatchesTypeInEitherDialectObjectAndKey() {
    receiver.replyPolicy().when(EventQuery.all().type("map_item_created").object("user-presence").key("user-123"))
        .status(500).always();

    WebhookClient.Reply matching = post(Webhooks.mapItemAdded().map("user-presence").key("user-123").eventId(1), "a");
    WebhookClient.Reply otherKey = post(Webhooks.mapItemAdded().map("user-presence").key("user-9").eventId(2), "b");
    WebhookClient.Reply otherType = post(Webhooks.mapItemUpdated().map("user-presence").key("user-123").eventId(3), "c");
    WebhookClient.Reply again = post(Webhooks.mapItemAdded().map("user-presence").key("user-123").eventId(4), "d");

    assertThat(matching.status()).isEqualTo(500);
    assertThat(otherKey.status()).isEqualTo(200);
    assertThat(otherType.status()).isEqualTo(200);
    assertThat(again.status()).as("always: the rule stays").isEqualTo(500);
    assertThat(receiver.replyPolicy().rules()).singleElement().hasToString(
        receiver.replyPolicy().rules().get(0).id() + " type=map_item_created object=user-presence key=user-123 -> 500 always");
  }

  @Test
  void aDelayedAnswerArrivesNoSoonerThanTheDelayAndTheEventIsRecordedFirst() {
    receiver.replyPolicy().whenAny().delay(Duration.ofMillis(400)).times(1);

    long start = System.nanoTime();
    WebhookClient.Reply late = post(Webhooks.listItemAdded().eventId(1), "t");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(late.status()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(receiver.events().get(late.json().get("id").asLong()).orElseThrow().errors())
        .extracting(Violation::received).containsExactly("200 after PT0.4S");
  }

  @Test
  void aDroppedConnectionGetsNoAnswerButTheEventIsRecorded() {
    receiver.replyPolicy().whenAny().drop().times(1);

    assertThatThrownBy(() -> post(Webhooks.listItemAdded().eventId(1), "t"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(receiver.events().query(EventQuery.all())).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(EventStatus.ACCEPTED);
      assertThat(e.errors()).extracting(Violation::received).containsExactly("drop");
    });
    assertThat(post(Webhooks.listItemAdded().eventId(2), "u").status()).isEqualTo(200);
  }

  @Test
  void aRejectedWebhookKeepsItsOwnAnswerAndDoesNotUseUpTheRule() {
    receiver.replyPolicy().whenAny().status(500).times(1);

    WebhookClient.Reply rejected = post(Webhooks.mapItemAdded().remove("ItemKey").eventId(1), "bad");
    WebhookClient.Reply next = post(Webhooks.mapItemAdded().eventId(2), "good");

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(next.status()).isEqualTo(500);
  }

  @Test
  void rulesAreListedRemovedAndCleared() {
    ReplyPolicy policy = receiver.replyPolicy();
    ReplyPolicy.Rule first = policy.whenAny().status(500).times(2);
    ReplyPolicy.Rule second = policy.when(EventQuery.all().type("document_updated")).drop().always();

    assertThat(policy.rules()).containsExactly(first, second);
    assertThat(first).hasToString(first.id() + " any -> 500 2 of 2 left");
    assertThat(policy.remove(first.id())).isTrue();
    assertThat(policy.remove(first.id())).isFalse();
    policy.clear();
    assertThat(policy.rules()).isEmpty();
    assertThat(post(Webhooks.documentUpdated().eventId(1), "t").status()).isEqualTo(200);
  }

  @Test
  void aRuleThatDoesNothingOrContradictsItselfIsRefused() {
    ReplyPolicy policy = receiver.replyPolicy();
    assertThatThrownBy(() -> policy.whenAny().times(1)).hasMessageContaining("does nothing");
    assertThatThrownBy(() -> policy.whenAny().status(100)).hasMessageContaining("from 200 to 599, got 100");
    assertThatThrownBy(() -> policy.whenAny().status(500).drop()).hasMessageContaining("one or the other");
    assertThatThrownBy(() -> policy.whenAny().status(500).times(0)).hasMessageContaining("n >= 1, got 0");
    assertThat(policy.rules()).isEmpty();
  }
}
