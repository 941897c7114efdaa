package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.SERVICE;
import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static dev.syncwire.harness.fake.DeliveryFixtures.listSid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.harness.fake.RecordingReceiver.Received;
import dev.syncwire.harness.fake.RecordingReceiver.Reply;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookOrderingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final RecordingReceiver receiver = new RecordingReceiver();
  private final WebhookDelivery delivery = new WebhookDelivery(
      DeliveryOptions.defaults().withRetries(2, Duration.ofMillis(10)));

  WebhookOrderingTest() throws Exception {}

  @AfterEach
  void stop() {
    delivery.close();
    receiver.close();
  }

  @Test
  void deliversTwoHundredEventsAcrossTenObjectsInOrderPerObject() throws Exception {
    for (int eventId = 0; eventId < 20; eventId++) {
      for (int list = 0; list < 10; list++) {
        delivery.send(receiver.url("/hook"), listItemAdded(listSid(list), eventId), TOKEN,
            SERVICE + listSid(list));
      }
    }

    List<WebhookDeliveryRecord> records = DeliveredWait.awaitDelivered(delivery, 200, WAIT);

    Map<String, List<Integer>> perList = new LinkedHashMap<>();
    for (Received r : receiver.received()) {
      perList.computeIfAbsent(r.param("ListSid"), k -> new ArrayList<>())
          .add(Integer.parseInt(r.param("EventId")));
    }
    List<Integer> inOrder = IntStream.range(0, 20).boxed().toList();
    assertThat(perList).hasSize(10);
    perList.forEach((list, ids) -> assertThat(ids).as("EventIds received for %s", list).isEqualTo(inOrder));
    assertThat(records).extracting(WebhookDeliveryRecord::sequence)
        .isEqualTo(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());
    assertThat(records).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED));
    assertThat(receiver.received()).extracting(Received::contentType)
        .containsOnly("application/x-www-form-urlencoded; charset=utf-8");
    assertThat(receiver.received()).extracting(Received::userAgent).containsOnly("TwilioProxy/1.1");
  }

  @Test
  void aSlowObjectDoesNotHoldUpOtherObjects() throws Exception {
    CountDownLatch otherObjectArrived = new CountDownLatch(1);
    AtomicBoolean slowSawTheOther = new AtomicBoolean();
    receiver.answer(r -> {
      if (r.param("ListSid").equals(listSid(1))) {
        try {
          slowSawTheOther.set(otherObjectArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        otherObjectArrived.countDown();
      }
      return Reply.ok();
    });

    delivery.send(receiver.url("/hook"), listItemAdded(listSid(1), 0), TOKEN, SERVICE + listSid(1));
    delivery.send(receiver.url("/hook"), listItemAdded(listSid(2), 0), TOKEN, SERVICE + listSid(2));
    DeliveredWait.awaitDelivered(delivery, 2, WAIT);

    assertThat(slowSawTheOther)
        .as("the second object's webhook arrived while the first object's was still unanswered")
        .isTrue();
  }

  @Test
  void theNextEventOfAnObjectWaitsUntilThePreviousOneIsDoneIncludingItsRetry() throws Exception {
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    receiver.answer(r -> seen.computeIfAbsent(r.param("EventId"), k -> new AtomicInteger())
        .incrementAndGet() == 1 && r.param("EventId").equals("1")
        ? new Reply(503, "busy") : Reply.ok());

    delivery.send(receiver.url("/hook"), listItemAdded(listSid(1), 1), TOKEN, "same-object");
    delivery.send(receiver.url("/hook"), listItemAdded(listSid(1), 2), TOKEN, "same-object");
    DeliveredWait.awaitDelivered(delivery, 2, WAIT);

    assertThat(receiver.received()).extracting(r -> r.param("EventId")).containsExactly("1", "1", "2");
  }
}
