package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** --forward-to: accepted events reach the user's handler re-signed, are recorded under forwards, and never hold up the sender. */
class ForwardingTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";

  private static SyncReceiver start(URI target, ReceiverConfig.Builder more) {
    return SyncReceiver.start(more.authToken(TOKEN).forwardTo(target).build());
  }

  private static WebhookSender.Result send(SyncReceiver receiver, FormParams params) {
    return WebhookSender.to(receiver.webhookUrl()).authToken(TOKEN).send(params);
  }

  private static JsonNode forwardsOf(SyncReceiver receiver, long id) {
    return WebhookClient.get(receiver.baseUrl().resolve("/api/events/" + id)).json().path("forwards");
  }

  @Test
  void anAcceptedEventReachesTheHandlerSignedForItsUrlAndTheAttemptIsRecorded() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = start(handler.url(), ReceiverConfig.builder().console(new PrintStream(console, true)))) {
      WebhookSender.Result sent = send(receiver, Webhooks.mapItemAdded().key("user-1").data("{\"a\":1}").build());
      assertThat(sent.status()).isEqualTo(200);
      long id = WebhookClient.JSON.readTree(sent.body()).get("id").asLong();

      SignatureCheckingHandler.Received got = handler.next();
      assertThat(got.valid()).as("twilio-java RequestValidator accepts the forward").isTrue();
      assertThat(got.params()).containsEntry("ItemKey", "user-1").containsEntry("ItemData", "{\"a\":1}");
      assertThat(got.header("User-Agent")).isEqualTo("TwilioProxy/1.1");
      assertThat(got.header("I-Twilio-Idempotency-Token"))
          .isEqualTo(receiver.events().all().get(0).request().header("I-Twilio-Idempotency-Token"));

      await().until(() -> forwardsOf(receiver, id).size() == 1);
      JsonNode forward = forwardsOf(receiver, id).get(0);
      assertThat(forward.get("url").asText()).isEqualTo(handler.url().toString());
      assertThat(forward.get("status").asInt()).isEqualTo(200);
      assertThat(forward.get("responseBody").asText()).isEqualTo("ok");
      assertThat(forward.get("error").isNull()).isTrue();
      assertThat(forward.get("replay").asBoolean()).isFalse();
      assertThat(forward.get("signed").asBoolean()).isTrue();
      assertThat(forward.get("latencyMs").asLong()).isNotNegative();
      await().until(() -> console.toString(StandardCharsets.UTF_8).contains("  #" + id + " -> 200 "));
      assertThat(console.toString(StandardCharsets.UTF_8)).contains(" ms  " + handler.url());
    }
  }

  @Test
  void anEventWithoutForwardsHasNoForwardsKeyAndRejectedOrDuplicateOnesAreNotForwarded() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = start(handler.url(), ReceiverConfig.builder())) {
      FormParams params = Webhooks.documentUpdated().build();
      WebhookSender.Result rejected = WebhookSender.to(receiver.webhookUrl()).authToken("wrong-token").send(params);
      assertThat(rejected.status()).isEqualTo(403);
      WebhookSender.Result first = send(receiver, params);
      String token = receiver.events().latest().orElseThrow().request().header("I-Twilio-Idempotency-Token");
      WebhookClient.Reply duplicate = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
          params.encode().getBytes(StandardCharsets.UTF_8), Map.of("I-Twilio-Idempotency-Token", token,
              "X-Twilio-Signature", dev.syncwire.fixtures.TwilioSignature.compute(TOKEN,
                  receiver.webhookUrl().toString(), params)));
      assertThat(duplicate.json().get("result").asText()).isEqualTo("duplicate");

      handler.next(); // the accepted one
      long acceptedId = WebhookClient.JSON.readTree(first.body()).get("id").asLong();
      await().until(() -> forwardsOf(receiver, acceptedId).size() == 1);
      assertThat(handler.all).hasSize(1);
      JsonNode events = WebhookClient.get(receiver.baseUrl().resolve("/api/events")).json().get("events");
      for (JsonNode e : events) {
        assertThat(e.has("forwards")).as("event #" + e.get("id")).isEqualTo(e.get("id").asLong() == acceptedId);
      }
    }
  }

  @Test
  void aHandlerThatIsDownIsRecordedAsSuchWhileTheSenderGetsItsOk() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI down = URI.create("http://127.0.0.1:" + closedPort + "/sync");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (SyncReceiver receiver = start(down, ReceiverConfig.builder().console(new PrintStream(console, true)))) {
      WebhookSender.Result sent = send(receiver, Webhooks.mapItemRemoved().build());
      assertThat(sent.status()).isEqualTo(200);
      long id = WebhookClient.JSON.readTree(sent.body()).get("id").asLong();
      await().until(() -> forwardsOf(receiver, id).size() == 1);
      JsonNode forward = forwardsOf(receiver, id).get(0);
      assertThat(forward.get("status").isNull()).isTrue();
      assertThat(forward.get("error").asText()).isEqualTo("connection refused");
      assertThat(forward.get("responseBody").isNull()).isTrue();
      assertThat(forward.get("url").asText()).isEqualTo(down.toString());
      await().until(() -> console.toString(StandardCharsets.UTF_8).contains("  #" + id + " -> connection refused  " + down));
    }
  }

  @Test
  void aLiveViewerGetsTheEventsSyncFrameBeforeItsForwardFrame() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (SyncReceiver receiver = start(URI.create("http://127.0.0.1:" + closedPort + "/sync"), ReceiverConfig.builder())) {
      java.net.http.HttpResponse<java.io.InputStream> stream = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(receiver.baseUrl().resolve("/api/events/stream")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      for (int i = 0; i < 5; i++) {
        send(receiver, Webhooks.mapItemAdded().set("MapSid", "MP0000000000000000000000000000000" + i).build());
      }
      List<String> kinds = new ArrayList<>();
      try (java.io.BufferedReader lines = new java.io.BufferedReader(
          new java.io.InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        long forwards = 0;
        for (String line = lines.readLine(); line != null && forwards < 5; line = lines.readLine()) {
          if (line.startsWith("data: ")) {
            JsonNode data = WebhookClient.JSON.readTree(line.substring(6));
            boolean forward = data.has("forward") && !data.has("id");
            kinds.add((forward ? "forward #" + data.get("eventId") : "sync #" + data.get("id")));
            forwards += forward ? 1 : 0;
          }
        }
      }
      for (int id = 1; id <= 5; id++) {
        assertThat(kinds.indexOf("sync #" + id)).as(kinds.toString()).isNotNegative()
            .isLessThan(kinds.indexOf("forward #" + id));
      }
    }
  }

  @Test
  void aHandlerThatAnswers500IsRecordedWithItsBody() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = start(handler.url(), ReceiverConfig.builder())) {
      handler.answer(500);
      WebhookSender.Result sent = send(receiver, Webhooks.listItemAdded().build());
      assertThat(sent.status()).isEqualTo(200);
      long id = WebhookClient.JSON.readTree(sent.body()).get("id").asLong();
      await().until(() -> forwardsOf(receiver, id).size() == 1);
      JsonNode forward = forwardsOf(receiver, id).get(0);
      assertThat(forward.get("status").asInt()).isEqualTo(500);
      assertThat(forward.get("responseBody").asText()).isEqualTo("handler failed with 500");
      assertThat(forward.get("error").isNull()).isTrue();
    }
  }

  @Test
  void theSendersAnswerDoesNotWaitForTheHandler() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = start(handler.url(), ReceiverConfig.builder())) {
      CountDownLatch release = handler.holdAnswers();
      WebhookSender.Result sent = send(receiver, Webhooks.documentUpdated().build());
      assertThat(sent.status()).isEqualTo(200);
      handler.next(); // the handler has it, and holds its answer
      long id = WebhookClient.JSON.readTree(sent.body()).get("id").asLong();
      assertThat(release.getCount()).as("the handler has not answered yet").isEqualTo(1);
      assertThat(forwardsOf(receiver, id).isMissingNode()).isTrue();
      release.countDown();
      await().until(() -> forwardsOf(receiver, id).size() == 1);
    }
  }

  @Test
  void eventsOfOneObjectReachTheHandlerInTheOrderRecordedOneAtATimeWhileObjectsRunInParallel() throws Exception {
    int perObject = 15;
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = start(handler.url(), ReceiverConfig.builder())) {
      CountDownLatch release = handler.holdAnswers();
      ExecutorService senders = Executors.newFixedThreadPool(6);
      List<Future<WebhookSender.Result>> sent = new ArrayList<>();
      for (int i = 0; i < perObject; i++) {
        for (String object : List.of("MP00000000000000000000000000000001", "MP00000000000000000000000000000002",
            "MP00000000000000000000000000000003")) {
          FormParams params = Webhooks.mapItemUpdated().set("MapSid", object).key("k" + i).build();
          sent.add(senders.submit(() -> send(receiver, params)));
        }
      }
      for (Future<WebhookSender.Result> f : sent) {
        assertThat(f.get().status()).isEqualTo(200);
      }
      senders.shutdown();
      // Held: each object's lane has sent its first event only, all three at once.
      await().until(() -> handler.all.size() == 3);
      assertThat(handler.all).extracting(r -> r.params().get("MapSid")).doesNotHaveDuplicates();
      release.countDown();
      await().until(() -> handler.all.size() == 3 * perObject);

      Map<String, Long> idByToken = new HashMap<>();
      receiver.events().all().forEach(e -> idByToken.put(e.request().header("I-Twilio-Idempotency-Token"), e.id()));
      Map<String, List<Long>> order = new HashMap<>();
      for (SignatureCheckingHandler.Received r : handler.all) {
        assertThat(r.valid()).isTrue();
        order.computeIfAbsent(r.params().get("MapSid"), k -> new ArrayList<>())
            .add(idByToken.get(r.header("I-Twilio-Idempotency-Token")));
      }
      assertThat(order).hasSize(3);
      order.values().forEach(ids -> assertThat(ids).hasSize(perObject).isSorted());
    }
  }

  @Test
  void aFullQueueIsRecordedAsAnErrorNotDropped() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = start(handler.url(), ReceiverConfig.builder().maxQueuedForwards(1))) {
      CountDownLatch release = handler.holdAnswers();
      send(receiver, Webhooks.mapItemAdded().key("a").build());
      handler.next();
      WebhookSender.Result second = send(receiver, Webhooks.mapItemAdded().key("b").build());
      assertThat(second.status()).isEqualTo(200);
      long id = WebhookClient.JSON.readTree(second.body()).get("id").asLong();
      await().until(() -> forwardsOf(receiver, id).size() == 1);
      assertThat(forwardsOf(receiver, id).get(0).get("error").asText()).isEqualTo("forward queue full (1)");
      assertThat(forwardsOf(receiver, id).get(0).get("status").isNull()).isTrue();
      release.countDown();
    }
  }

  @Test
  void aHandlerThatDoesNotAnswerInTimeIsRecordedAsTimedOut() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = start(handler.url(), ReceiverConfig.builder().forwardTimeout(Duration.ofMillis(300)))) {
      CountDownLatch release = handler.holdAnswers();
      WebhookSender.Result sent = send(receiver, Webhooks.documentUpdated().build());
      long id = WebhookClient.JSON.readTree(sent.body()).get("id").asLong();
      await().until(() -> forwardsOf(receiver, id).size() == 1);
      assertThat(forwardsOf(receiver, id).get(0).get("error").asText()).isEqualTo("timed out after 300 ms");
      release.countDown();
    }
  }

  @Test
  void withoutAnAuthTokenTheForwardIsUnsignedAndSaysSo() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN);
        SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().forwardTo(handler.url()).build())) {
      WebhookClient.Reply sent = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().build());
      SignatureCheckingHandler.Received got = handler.next();
      assertThat(got.header("X-Twilio-Signature")).isNull();
      long id = sent.json().get("id").asLong();
      await().until(() -> forwardsOf(receiver, id).size() == 1);
      assertThat(forwardsOf(receiver, id).get(0).get("signed").asBoolean()).isFalse();
      assertThat(forwardsOf(receiver, id).get(0).get("status").asInt()).isEqualTo(403);
    }
  }

  @Test
  void forwardToTakesOnlyAbsoluteHttpUrls() {
    for (String bad : List.of("ftp://x/sync", "/sync", "http:///sync", "http://127.0.0.1:3000/sync#x")) {
      assertThatThrownBy(() -> ReceiverConfig.builder().forwardTo(URI.create(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("forwardTo must be an absolute http or https URL")
          .hasMessageContaining(bad);
    }
  }
}
