package dev.syncwire.harness.fake;

import static dev.syncwire.harness.fake.DeliveryFixtures.TOKEN;
import static dev.syncwire.harness.fake.DeliveryFixtures.listItemAdded;
import static dev.syncwire.harness.fake.DeliveryFixtures.listSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.SyncReceiver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookRetryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SyncReceiver receiver = SyncReceiver.start();
  private final WebhookDelivery delivery = new WebhookDelivery(
      DeliveryOptions.defaults().withRetries(3, Duration.ofMillis(10)));

  @AfterEach
  void stop() {
    delivery.close();
    receiver.close();
  }

  @Test
  void a500IsRetriedUpToMaxAttemptsThenRecordedFailedWithStatusAndBody() throws Exception {
    receiver.replyPolicy().whenAny().status(500, "{\"error\":\"handler crashed\"}").always();

    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 1), TOKEN, "k");
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    WebhookDeliveryRecord record = delivery.deliveries().get(0);
    assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(record.attempts()).hasSize(3).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.body()).isEqualTo("{\"error\":\"handler crashed\"}");
    });
    assertThat(record.reason()).contains("HTTP 500").contains("3 attempt(s)");
    assertThat(receiver.events().all()).hasSize(3)
        .extracting(e -> e.request().header("I-Twilio-Idempotency-Token")).containsOnly(record.idempotencyToken());
    assertThat(receiver.events().all()).extracting(e -> e.request().header("X-Twilio-Signature"))
        .doesNotContainNull().hasSize(3)
        .allMatch(s -> s.equals(receiver.events().all().get(0).request().header("X-Twilio-Signature")));
  }

  @Test
  void aServiceUnavailableThenOkIsDeliveredOnTheRetry() throws Exception {
    receiver.replyPolicy().whenAny().status(503).times(1);

    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 1), TOKEN, "k");
    WebhookDeliveryRecord record = DeliveredWait.awaitDelivered(delivery, 1, WAIT).get(0);

    assertThat(record.attempts()).extracting(Attempt::status).containsExactly(503, 200);
    assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
    // the receiver kept both: the first, answered 503, and the retry as its duplicate
    assertThat(receiver.events().all()).extracting(SyncEvent::status)
        .containsExactly(EventStatus.ACCEPTED, EventStatus.DUPLICATE);
  }

  @Test
  void a400IsNotRetriedAndTheReasonSaysSo() throws Exception {
    receiver.replyPolicy().whenAny().status(400, "bad EventType").always();

    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 1), TOKEN, "k");
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    WebhookDeliveryRecord record = delivery.deliveries().get(0);
    assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(record.attempts()).singleElement().extracting(Attempt::status).isEqualTo(400);
    assertThat(record.reason()).contains("not retried");
    assertThat(receiver.events().all()).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsRecordedFailedWithAnErrorNamingTheAddress() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/hook";

    assertThatCode(() -> delivery.send(url, listItemAdded(listSid(1), 1), TOKEN, "k")).doesNotThrowAnyException();
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
      impatient.send("http://127.0.0.1:" + silent.getLocalPort() + "/hook", listItemAdded(listSid(1), 1),
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
    receiver.replyPolicy().whenAny().status(500, "x".repeat(10_000)).always();

    delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 1), TOKEN, "k");
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(delivery.deliveries().get(0).attempts())
        .allSatisfy(a -> assertThat(a.body()).hasSize(2048));
  }

  @Test
  void unusableInputIsRecordedFailedWithAFixInsteadOfThrowing() {
    assertThatCode(() -> {
      delivery.send(null, listItemAdded(listSid(1), 1), TOKEN, "a");
      delivery.send("ftp://127.0.0.1/hook", listItemAdded(listSid(1), 2), TOKEN, "b");
      delivery.send(receiver.webhookUrl().toString(), listItemAdded(listSid(1), 3), null, "c");
      delivery.send(receiver.webhookUrl().toString(), null, TOKEN, null);
    }).doesNotThrowAnyException();
    assertThat(delivery.awaitQuiet(WAIT)).isTrue();

    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::reason).satisfiesExactly(
        r -> assertThat(r).contains("webhook URL is empty"),
        r -> assertThat(r).contains("not http(s)"),
        r -> assertThat(r).contains("no auth token"),
        r -> assertThat(r).doesNotContain("webhook URL", "http(s)", "auth token"));
    assertThat(delivery.deliveries()).extracting(WebhookDeliveryRecord::outcome).startsWith(
        Outcome.FAILED, Outcome.FAILED, Outcome.FAILED);
    // null params are sent, as an empty body: the receiver got it (and refused it, as it has no EventType)
    assertThat(delivery.deliveries().get(3).attempts()).singleElement().extracting(Attempt::status).isEqualTo(400);
    assertThat(receiver.events().all()).singleElement().extracting(SyncEvent::status).isEqualTo(EventStatus.REJECTED);
  }
}
