package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.syncwire.harness.fake.RecordingReceiver.Received;
import dev.syncwire.harness.fake.RecordingReceiver.Reply;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookRetryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final RecordingReceiver receiver = new RecordingReceiver();
  private final WebhookDelivery delivery = new WebhookDelivery(
      DeliveryOptions.defaults().withRetries(3, Duration.ofMillis(10)));

  WebhookRetryTest() throws Exception {}

  @AfterEach
  void stop() {
    delivery.close();
    receiver.close();
  }

  @Test
  void a500IsRetriedUpToMaxAttemptsThenRecordedFailedWithStatusAndBody() throws Exception {
    receiver.answer(r -> new Reply(500, "{\"error\":\"handler crashed\"}"));

    delivery.send(receiver.url("/hook"), listItemAdded("ES1", 1), TOKEN, "k");
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    WebhookDeliveryRecord record = delivery.deliveries().get(0);
    assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(record.attempts()).hasSize(3).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.body()).isEqualTo("{\"error\":\"handler crashed\"}");
    });
    assertThat(record.reason()).contains("HTTP 500").contains("3 attempt(s)");
    assertThat(receiver.received()).hasSize(3)
        .extracting(Received::idempotencyToken).containsOnly(record.idempotencyToken());
    assertThat(receiver.received()).extracting(Received::signature).doesNotContainNull().hasSize(3)
        .allMatch(s -> s.equals(receiver.received().get(0).signature()));
  }

  @Test
  void aServiceUnavailableThenOkIsDeliveredOnTheRetry() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? new Reply(503, "") : Reply.ok());

    delivery.send(receiver.url("/hook"), listItemAdded("ES1", 1), TOKEN, "k");
    WebhookDeliveryRecord record = DeliveredWait.awaitDelivered(delivery, 1, WAIT).get(0);

    assertThat(record.attempts()).extracting(Attempt::status).containsExactly(503, 200);
    assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
  }

  @Test
  void a400IsNotRetriedAndTheReasonSaysSo() throws Exception {
    receiver.answer(r -> new Reply(400, "bad EventType"));

    delivery.send(receiver.url("/hook"), listItemAdded("ES1", 1), TOKEN, "k");
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    WebhookDeliveryRecord record = delivery.deliveries().get(0);
    assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(record.attempts()).singleElement().extracting(Attempt::status).isEqualTo(400);
    assertThat(record.reason()).contains("not retried");
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsRecordedFailedWithAnErrorNamingTheAddress() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/hook";

    assertThatCode(() -> delivery.send(url, listItemAdded("ES1", 1), TOKEN, "k")).doesNotThrowAnyException();
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    WebhookDeliveryRecord record = delivery.deliveries().get(0);
    assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(record.attempts()).hasSize(3).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(-1);
      assertThat(a.connectionFailed()).isTrue();
      assertThat(a.error()).contains("could not connect to 127.0.0.1:" + closedPort);
    });
  }

  @Test
  void aReceiverThatNeverAnswersTimesOutAndIsRecordedFailed() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        WebhookDelivery impatient = new WebhookDelivery(DeliveryOptions.defaults()
            .withTimeout(Duration.ofMillis(300)).withRetries(1, Duration.ZERO))) {
      impatient.send("http://127.0.0.1:" + silent.getLocalPort() + "/hook", listItemAdded("ES1", 1),
          TOKEN, "k");
      assertThat(impatient.awaitQuiet(WAIT)).isTrue();

      WebhookDeliveryRecord record = impatient.deliveries().get(0);
      assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(record.attempts()).singleElement().satisfies(a -> {
        assertThat(a.error()).contains("no complete response within PT0.3S");
        assertThat(a.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      });
    }
  }

  @Test
  void keepsOnlyTheFirst2KbOfAResponseBody() throws Exception {
    receiver.answer(r -> new Reply(500, "x".repeat(10_000)));

    delivery.send(receiver.url("/hook"), listItemAdded("ES1", 1), TOKEN, "k");
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(delivery.deliveries().get(0).attempts())
        .allSatisfy(a -> assertThat(a.body()).hasSize(2048));
  }

  @Test
  void unusableInputIsRecordedFailedWithAFixInsteadOfThrowing() {
    assertThatCode(() -> {
      delivery.send(null, listItemAdded("ES1", 1), TOKEN, "a");
      delivery.send("ftp://127.0.0.1/hook", listItemAdded("ES1", 2), TOKEN, "b");
      delivery.send(receiver.url("/hook"), listItemAdded("ES1", 3), null, "c");
      delivery.send(receiver.url("/hook"), null, TOKEN, null);
    }).doesNotThrowAnyException();
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::reason).satisfiesExactly(
        r -> assertThat(r).contains("webhook URL is empty"),
        r -> assertThat(r).contains("not http(s)"),
        r -> assertThat(r).contains("no auth token"),
        r -> assertThat(r).isEmpty());
    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::outcome)
        .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.DELIVERED);
  }
}
