package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.harness.fake.RecordingReceiver.Received;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Fault;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final RecordingReceiver receiver = new RecordingReceiver();
  private final WebhookDelivery delivery = new WebhookDelivery(DeliveryOptions.defaults());

  WebhookFaultsTest() throws Exception {}

  @AfterEach
  void stop() {
    delivery.close();
    receiver.close();
  }

  private void send(String list, int eventId) {
    delivery.send(receiver.url("/hook"), listItemAdded(list, eventId), TOKEN, list);
  }

  private List<String> received(String list) {
    return receiver.received().stream().filter(r -> r.param("ListSid").equals(list))
        .map(r -> r.param("EventId")).toList();
  }

  @Test
  void droppedWebhooksNeverReachTheReceiverAndAreRecordedDropped() {
    delivery.faults().dropNext(2);
    send("ES1", 1);
    send("ES1", 2);
    send("ES1", 3);
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(received("ES1")).containsExactly("3");
    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::outcome)
        .containsExactly(Outcome.DROPPED, Outcome.DROPPED, Outcome.DELIVERED);
    assertThat(delivery.deliveries().get(0).attempts()).isEmpty();
  }

  @Test
  void aDelayedWebhookArrivesLateWithoutHoldingUpOtherObjects() throws Exception {
    Duration delay = Duration.ofMillis(400);
    delivery.faults().delayNext(1, delay);
    send("ES1", 1);
    send("ES2", 1);
    send("ES1", 2);
    DeliveredWait.awaitDelivered(delivery, 3, WAIT);

    assertThat(receiver.received()).extracting(r -> r.param("ListSid") + "/" + r.param("EventId"))
        .containsExactly("ES2/1", "ES1/1", "ES1/2");
    WebhookDeliveryRecord delayed = delivery.deliveries().get(0);
    assertThat(delayed.fault()).isEqualTo(Fault.DELAY);
    assertThat(Duration.between(delayed.createdAt(), delayed.attempts().get(0).startedAt()))
        .isGreaterThanOrEqualTo(delay);
  }

  @Test
  void aDuplicatedWebhookArrivesTwiceWithTheSameBodySignatureAndIdempotencyToken() throws Exception {
    delivery.faults().duplicateNext(1);
    send("ES1", 1);
    send("ES1", 2);
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    List<Received> got = receiver.received();
    assertThat(got).extracting(r -> r.param("EventId")).containsExactly("1", "1", "2");
    Received first = got.get(0);
    Received copy = got.get(1);
    assertThat(copy.body()).isEqualTo(first.body());
    assertThat(copy.signature()).isEqualTo(first.signature());
    assertThat(copy.idempotencyToken()).isEqualTo(first.idempotencyToken());
    assertThat(got.get(2).idempotencyToken()).isNotEqualTo(first.idempotencyToken());
    WebhookDeliveryRecord record = delivery.deliveries().get(0);
    assertThat(record.fault()).isEqualTo(Fault.DUPLICATE);
    assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(record.attempts()).hasSize(2);
  }

  @Test
  void reorderedWebhooksOfOneObjectArriveNewestFirstWhileOtherObjectsPass() throws Exception {
    delivery.faults().reorderNext(3);
    send("ES1", 1);
    send("ES2", 1);
    send("ES1", 2);
    send("ES1", 3);
    send("ES1", 4);
    DeliveredWait.awaitDelivered(delivery, 5, WAIT);

    assertThat(received("ES1")).containsExactly("3", "2", "1", "4");
    assertThat(received("ES2")).containsExactly("1");
    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::fault)
        .containsExactly(Fault.REORDER, Fault.NONE, Fault.REORDER, Fault.REORDER, Fault.NONE);
  }

  @Test
  void clearReleasesWebhooksHeldForAReorderThatNeverFilled() throws Exception {
    delivery.faults().reorderNext(3);
    send("ES1", 1);
    send("ES1", 2);
    assertThat(delivery.awaitQuiet(Duration.ofMillis(200))).as("held, so not quiet").isFalse();
    assertThat(receiver.received()).isEmpty();

    delivery.faults().clear();
    DeliveredWait.awaitDelivered(delivery, 2, WAIT);

    assertThat(received("ES1")).containsExactly("2", "1");
  }

  @Test
  void faultsApplyInTheOrderTheyWereArmed() {
    delivery.faults().dropNext(1).duplicateNext(1);
    send("ES1", 1);
    send("ES1", 2);
    send("ES1", 3);
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::fault)
        .containsExactly(Fault.DROP, Fault.DUPLICATE, Fault.NONE);
    assertThat(received("ES1")).containsExactly("2", "2", "3");
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
