package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static dev.syncwire.harness.fake.DeliveryFixtures.listSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import dev.syncwire.receiver.SyncReceiver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookCloseTest {

  @Test
  void closeReturnsPromptlyWithDeliveriesInFlightAndLeavesNoThreadsRunning() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    // Accepts connections (the kernel completes them) but never answers.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      WebhookDelivery delivery = new WebhookDelivery(DeliveryOptions.defaults()
          .withTimeout(Duration.ofSeconds(30)).withCloseTimeout(Duration.ofMillis(200)));
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/hook";
      for (int i = 0; i < 3; i++) {
        delivery.send(url, listItemAdded(listSid(1), i), TOKEN, listSid(1));
        delivery.send(url, listItemAdded(listSid(2), i), TOKEN, listSid(2));
      }

      long start = System.nanoTime();
      delivery.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(Duration.ofSeconds(2));
      assertThat(delivery.deliveries()).hasSize(6).allSatisfy(d -> {
        assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(d.reason()).contains("abandoned").contains("PT0.2S");
      });
    }
    List<Thread> started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t)).toList();
    for (Thread t : started) {
      if (t.getName().startsWith("syncwire-webhook-")) {
        t.join(1_000); // terminated executors' threads may still be unwinding
      }
    }
    assertThat(started).filteredOn(Thread::isAlive).filteredOn(t -> !t.isDaemon())
        .as("non-daemon threads left behind").isEmpty();
    assertThat(started).filteredOn(Thread::isAlive).extracting(Thread::getName)
        .as("our threads left behind").noneMatch(n -> n.startsWith("syncwire-webhook-"));
  }

  @Test
  void closeLetsADeliveryDueWithinTheGracePeriodFinish() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      WebhookDelivery delivery = new WebhookDelivery(DeliveryOptions.defaults());
      delivery.faults().delayNext(1, Duration.ofMillis(300));
      delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 1), TOKEN, listSid(1));

      delivery.close();

      assertThat(delivery.deliveries()).singleElement()
          .extracting(WebhookDeliveryRecord::outcome).isEqualTo(Outcome.DELIVERED);
      assertThat(receiver.events().all()).hasSize(1);
    }
  }

  @Test
  void aWebhookSentAfterCloseIsRecordedFailedNotThrown() {
    WebhookDelivery delivery = new WebhookDelivery(DeliveryOptions.defaults());
    delivery.close();

    assertThatCode(() -> delivery.send("http://127.0.0.1:9/hook", listItemAdded(listSid(1), 1), TOKEN, "k"))
        .doesNotThrowAnyException();

    assertThat(delivery.deliveries()).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(d.reason()).contains("already closed");
    });
    assertThatCode(delivery::close).as("closing twice").doesNotThrowAnyException();
  }
}
