package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A redelivery is recorded once, flagged, and still answered 200 so the sender stops retrying. */
class RedeliveryTest {
  @Test
  void theSameIdempotencyTokenIsRecordedOnceAndFlagged() {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      byte[] first = Webhooks.mapItemUpdated().eventId(1).build().encode().getBytes(StandardCharsets.UTF_8);
      byte[] retry = Webhooks.mapItemUpdated().eventId(1).set("Extra", "x").build().encode()
          .getBytes(StandardCharsets.UTF_8);
      Map<String, String> token = Map.of("I-Twilio-Idempotency-Token", "idem-42");

      WebhookClient.Reply one = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", first, token);
      WebhookClient.Reply two = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", retry, token);

      assertThat(one.status()).isEqualTo(200);
      assertThat(two.status()).isEqualTo(200);
      assertThat(two.json().get("result").asText()).isEqualTo("duplicate");
      SyncEvent redelivery = receiver.events().get(two.json().get("id").asLong()).orElseThrow();
      assertThat(redelivery.status()).isEqualTo(EventStatus.DUPLICATE);
      assertThat(redelivery.duplicateOf()).isEqualTo(one.json().get("id").asLong());
      assertThat(receiver.events().query(EventQuery.all().status(EventStatus.ACCEPTED))).hasSize(1);
    }
  }

  @Test
  void anIdenticalBodyWithoutATokenIsARedelivery() {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      FormParams params = Webhooks.listItemAdded().eventId(5).build();

      WebhookClient.postForm(receiver.webhookUrl(), params);
      WebhookClient.Reply again = WebhookClient.postForm(receiver.webhookUrl(), params);

      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().get("result").asText()).isEqualTo("duplicate");
    }
  }

  @Test
  void differentEventsAreNotRedeliveries() {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      WebhookClient.postForm(receiver.webhookUrl(), Webhooks.listItemAdded().eventId(5).build());
      WebhookClient.Reply other = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.listItemAdded().eventId(6).build());

      assertThat(other.json().get("result").asText()).isEqualTo("accepted");
    }
  }

  @Test
  void deleteForgetsRedeliveriesSoTheSameBodyIsAcceptedAgain() {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      FormParams params = Webhooks.listItemAdded().eventId(5).build();
      WebhookClient.postForm(receiver.webhookUrl(), params);

      WebhookClient.Reply cleared = WebhookClient.delete(receiver.baseUrl().resolve("/api/events"));
      WebhookClient.Reply again = WebhookClient.postForm(receiver.webhookUrl(), params);

      assertThat(cleared.status()).isEqualTo(200);
      assertThat(again.json().get("result").asText()).as(again.body()).isEqualTo("accepted");
      long id = again.json().get("id").asLong();
      assertThat(WebhookClient.get(receiver.baseUrl().resolve("/api/events/" + id)).status()).isEqualTo(200);
      assertThat(receiver.events().query(EventQuery.all().status(EventStatus.ACCEPTED))).extracting(SyncEvent::id)
          .containsExactly(id);
    }
  }

  @Test
  void clearingTheEventsInJavaForgetsRedeliveriesToo() {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      byte[] body = Webhooks.listItemAdded().eventId(5).build().encode().getBytes(StandardCharsets.UTF_8);
      Map<String, String> token = Map.of("I-Twilio-Idempotency-Token", "idem-7");
      WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body, token);

      receiver.events().clear();
      WebhookClient.Reply again = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body,
          token);

      assertThat(again.json().get("result").asText()).as(again.body()).isEqualTo("accepted");
    }
  }

  @Test
  void anIdenticalBodyWithAFreshTokenIsANewDelivery() {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      byte[] body = Webhooks.listItemAdded().eventId(5).build().encode().getBytes(StandardCharsets.UTF_8);

      WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body,
          Map.of("I-Twilio-Idempotency-Token", "first"));
      WebhookClient.Reply second = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded", body,
          Map.of("I-Twilio-Idempotency-Token", "second"));

      assertThat(second.json().get("result").asText()).isEqualTo("accepted");
    }
  }
}
