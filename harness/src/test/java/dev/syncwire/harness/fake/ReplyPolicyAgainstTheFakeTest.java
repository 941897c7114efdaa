package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static dev.syncwire.harness.fake.DeliveryFixtures.listSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.sync.v1.service.SyncMap;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Violation;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's webhook delivery against SyncReceiver's reply policy, both on real ports, driven by twilio-java. */
class ReplyPolicyAgainstTheFakeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SyncApiFake fake = SyncApiFake.builder().webhooksFromRestEnabled(true).start();
  private final SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).build());

  ReplyPolicyAgainstTheFakeTest() {
    fake.updateDefaultService(receiver.webhookUrl().toString(), true);
  }

  @AfterEach
  void stop() {
    fake.close();
    receiver.close();
  }

  private WebhookDeliveryRecord createMapAndAwaitItsWebhook() {
    SyncMap.creator(fake.defaultServiceSid()).setUniqueName("user-presence").create(fake.twilioClient());
    assertThat(fake.awaitWebhooksQuiet(WAIT)).isTrue();
    return fake.webhookDeliveries().get(0);
  }

  @Test
  void a500ThenA200IsDeliveredOnTheFakesOneRetry() {
    receiver.replyPolicy().whenAny().status(500).times(1);

    WebhookDeliveryRecord record = createMapAndAwaitItsWebhook();

    assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(record.attempts()).extracting(Attempt::status).containsExactly(500, 200);
    assertThat(receiver.events().all()).extracting(SyncEvent::status)
        .containsExactly(EventStatus.ACCEPTED, EventStatus.DUPLICATE);
    assertThat(receiver.events().all().get(0).errors()).extracting(Violation::received).containsExactly("500");
  }

  @Test
  void a500OnEveryAttemptFailsTheDeliveryAndTheReceiverShowsBoth() {
    receiver.replyPolicy().when(EventQuery.all().type("map_created").object("user-presence")).status(500).always();

    WebhookDeliveryRecord record = createMapAndAwaitItsWebhook();

    assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(record.attempts()).extracting(Attempt::status).containsExactly(500, 500);
    assertThat(receiver.events().all()).hasSize(2).allSatisfy(e ->
        assertThat(e.errors()).extracting(Violation::rule).containsExactly("reply_policy"));
  }

  @Test
  void aDroppedConnectionIsAFailedAttemptThenTheRetryArrives() {
    receiver.replyPolicy().whenAny().drop().times(1);

    WebhookDeliveryRecord record = createMapAndAwaitItsWebhook();

    assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(record.attempts()).hasSize(2);
    assertThat(record.attempts().get(0).connectionFailed()).isTrue();
    assertThat(record.attempts().get(1).status()).isEqualTo(200);
    assertThat(receiver.events().all().get(0).errors()).extracting(Violation::received).containsExactly("drop");
  }

  @Test
  void aDelayPastTheSendersTimeoutFailsTheAttemptButTheEventIsRecorded() {
    receiver.replyPolicy().whenAny().delay(Duration.ofSeconds(2)).times(1);
    try (WebhookDelivery impatient = new WebhookDelivery(DeliveryOptions.defaults()
        .withTimeout(Duration.ofMillis(300)).withRetries(2, Duration.ZERO))) {
      impatient.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 1), fake.authToken(), "k");
      assertThat(impatient.awaitQuiet(WAIT)).isTrue();

      WebhookDeliveryRecord record = impatient.deliveries().get(0);
      assertThat(record.outcome()).as(record.attempts() + " " + receiver.events().all()).isEqualTo(Outcome.DELIVERED);
      assertThat(record.attempts().get(0).error()).contains("no complete response within PT0.3S");
      assertThat(record.attempts().get(1).status()).isEqualTo(200);
      assertThat(receiver.events().all()).extracting(SyncEvent::status)
          .containsExactly(EventStatus.ACCEPTED, EventStatus.DUPLICATE);
      assertThat(receiver.events().all().get(0).errors()).extracting(Violation::received)
          .containsExactly("200 after PT2S");
    }
  }
}
