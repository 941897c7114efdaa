package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static dev.syncwire.harness.fake.DeliveryFixtures.listSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.harness.fake.WebhookDeliveryRecord.Fault;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SyncReceiver receiver = SyncReceiver.start();
  private final WebhookDelivery delivery = new WebhookDelivery(DeliveryOptions.defaults());

  @AfterEach
  void stop() {
    delivery.close();
    receiver.close();
  }

  private void send(String list, int eventId) {
    delivery.send(receiver.webhookUrl().toString(), listItemAdded(list, eventId), TOKEN, list);
  }

  private List<String> received(String list) {
    return receiver.events().all().stream().filter(e -> e.params().get("ListSid").equals(list))
        .map(e -> e.params().get("EventId")).toList();
  }

  @Test
  void droppedWebhooksNeverReachTheReceiverAndAreRecordedDropped() {
    delivery.faults().dropNext(2);
    send(listSid(1), 1);
    send(listSid(1), 2);
    send(listSid(1), 3);
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(received(listSid(1))).containsExactly("3");
    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::outcome)
        .containsExactly(Outcome.DROPPED, Outcome.DROPPED, Outcome.DELIVERED);
    assertThat(delivery.deliveries().get(0).attempts()).isEmpty();
  }

  @Test
  void aDelayedWebhookArrivesLateWithoutHoldingUpOtherObjects() throws Exception {
    Duration delay = Duration.ofMillis(400);
    delivery.faults().delayNext(1, delay);
    send(listSid(1), 1);
    send(listSid(2), 1);
    send(listSid(1), 2);
    DeliveredWait.awaitDelivered(delivery, 3, WAIT);

    assertThat(receiver.events().all()).extracting(e -> e.params().get("ListSid") + "/" + e.params().get("EventId"))
        .containsExactly(listSid(2) + "/1", listSid(1) + "/1", listSid(1) + "/2");
    WebhookDeliveryRecord delayed = delivery.deliveries().get(0);
    assertThat(delayed.fault()).isEqualTo(Fault.DELAY);
    assertThat(Duration.between(delayed.createdAt(), delayed.attempts().get(0).startedAt()))
        .isGreaterThanOrEqualTo(delay);
  }

  @Test
  void aDuplicatedWebhookArrivesTwiceWithTheSameBodySignatureAndIdempotencyToken() throws Exception {
    delivery.faults().duplicateNext(1);
    send(listSid(1), 1);
    send(listSid(1), 2);
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    List<SyncEvent> got = receiver.events().all();
    assertThat(got).extracting(e -> e.params().get("EventId")).containsExactly("1", "1", "2");
    SyncEvent first = got.get(0);
    SyncEvent copy = got.get(1);
    assertThat(copy.request().body()).isEqualTo(first.request().body());
    assertThat(copy.request().header("X-Twilio-Signature")).isNotNull().isEqualTo(first.request().header("X-Twilio-Signature"));
    assertThat(copy.request().header("I-Twilio-Idempotency-Token"))
        .isEqualTo(first.request().header("I-Twilio-Idempotency-Token"));
    assertThat(got.get(2).request().header("I-Twilio-Idempotency-Token"))
        .isNotEqualTo(first.request().header("I-Twilio-Idempotency-Token"));
    WebhookDeliveryRecord record = delivery.deliveries().get(0);
    assertThat(record.fault()).isEqualTo(Fault.DUPLICATE);
    assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(record.attempts()).hasSize(2);
  }

  @Test
  void reorderedWebhooksOfOneObjectArriveNewestFirstWhileOtherObjectsPass() throws Exception {
    delivery.faults().reorderNext(3);
    send(listSid(1), 1);
    send(listSid(2), 1);
    send(listSid(1), 2);
    send(listSid(1), 3);
    send(listSid(1), 4);
    DeliveredWait.awaitDelivered(delivery, 5, WAIT);

    assertThat(received(listSid(1))).containsExactly("3", "2", "1", "4");
    assertThat(received(listSid(2))).containsExactly("1");
    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::fault)
        .containsExactly(Fault.REORDER, Fault.NONE, Fault.REORDER, Fault.REORDER, Fault.NONE);
  }

  @Test
  void clearReleasesWebhooksHeldForAReorderThatNeverFilled() throws Exception {
    delivery.faults().reorderNext(3);
    send(listSid(1), 1);
    send(listSid(1), 2);
    assertThat(delivery.awaitQuiet(Duration.ofMillis(200))).as("held, so not quiet").isFalse();
    assertThat(receiver.events().all()).isEmpty();

    delivery.faults().clear();
    DeliveredWait.awaitDelivered(delivery, 2, WAIT);

    assertThat(received(listSid(1))).containsExactly("2", "1");
  }

  @Test
  void faultsApplyInTheOrderTheyWereArmed() {
    delivery.faults().dropNext(1).duplicateNext(1);
    send(listSid(1), 1);
    send(listSid(1), 2);
    send(listSid(1), 3);
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::fault)
        .containsExactly(Fault.DROP, Fault.DUPLICATE, Fault.NONE);
    assertThat(received(listSid(1))).containsExactly("2", "2", "3");
  }

  @Test
  void nonsensicalFaultCountsAreRejectedWithTheRule() {
    assertThatThrownBy(() -> delivery.faults().dropNext(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("dropNext(n) needs n >= 1, got 0");
    assertThatThrownBy(() -> delivery.faults().reorderNext(1))
        .hasMessageContaining("reorderNext(n) needs n >= 2, got 1");
    assertThatThrownBy(() -> delivery.faults().delayNext(1, Duration.ofMillis(-1)))
        .hasMessageContaining("zero or more");
  }
}
