package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.SERVICE;
import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static dev.syncwire.harness.fake.DeliveryFixtures.listSid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookOrderingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SyncReceiver receiver = SyncReceiver.start();
  private final WebhookDelivery delivery = new WebhookDelivery(
      DeliveryOptions.defaults().withRetries(2, Duration.ofMillis(10)));

  @AfterEach
  void stop() {
    delivery.close();
    receiver.close();
  }

  @Test
  void deliversTwoHundredEventsAcrossTenObjectsInOrderPerObject() throws Exception {
    for (int eventId = 0; eventId < 20; eventId++) {
      for (int list = 0; list < 10; list++) {
        delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(list), eventId), TOKEN,
            SERVICE + listSid(list));
      }
    }

    List<WebhookDeliveryRecord> records = DeliveredWait.awaitDelivered(delivery, 200, WAIT);

    Map<String, List<Integer>> perList = new LinkedHashMap<>();
    for (SyncEvent e : receiver.events().all()) {
      perList.computeIfAbsent(e.params().get("ListSid"), k -> new ArrayList<>())
          .add(Integer.parseInt(e.params().get("EventId")));
    }
    List<Integer> inOrder = IntStream.range(0, 20).boxed().toList();
    assertThat(perList).hasSize(10);
    perList.forEach((list, ids) -> assertThat(ids).as("EventIds received for %s", list).isEqualTo(inOrder));
    assertThat(records).extracting(WebhookDeliveryRecord::sequence)
        .isEqualTo(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());
    assertThat(records).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED));
    // Jetty (so SyncReceiver) upper-cases the charset on the way in
    assertThat(receiver.events().all()).extracting(e -> e.request().header("Content-Type"))
        .allSatisfy(t -> assertThat(t).isEqualToIgnoringCase("application/x-www-form-urlencoded; charset=utf-8"));
    assertThat(receiver.events().all()).extracting(e -> e.request().header("User-Agent")).containsOnly("TwilioProxy/1.1");
  }

  @Test
  void aSlowObjectDoesNotHoldUpOtherObjects() throws Exception {
    Duration held = Duration.ofSeconds(1); // under the sender's 5 s timeout
    receiver.replyPolicy().when(EventQuery.all().object(listSid(1))).delay(held).times(1);

    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 0), TOKEN, SERVICE + listSid(1));
    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(2), 0), TOKEN, SERVICE + listSid(2));
    DeliveredWait.awaitDelivered(delivery, 2, WAIT);

    Attempt slow = delivery.deliveries().get(0).attempts().get(0);
    Attempt other = delivery.deliveries().get(1).attempts().get(0);
    assertThat(slow.latency()).isGreaterThanOrEqualTo(held);
    assertThat(answeredAt(other))
        .as("the second object's webhook was answered while the first object's was still unanswered")
        .isBefore(answeredAt(slow));
  }

  private static Instant answeredAt(Attempt attempt) {
    return attempt.startedAt().plus(attempt.latency());
  }

  @Test
  void theNextEventOfAnObjectWaitsUntilThePreviousOneIsDoneIncludingItsRetry() throws Exception {
    receiver.replyPolicy().when(EventQuery.all().index(1)).status(503, "busy").times(1);

    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 1), TOKEN, "same-object");
    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 2), TOKEN, "same-object");
    DeliveredWait.awaitDelivered(delivery, 2, WAIT);

    assertThat(receiver.events().all()).extracting(e -> e.params().get("EventId")).containsExactly("1", "1", "2");
  }
}
