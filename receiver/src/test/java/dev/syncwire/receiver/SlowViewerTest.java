package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.Webhooks;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A viewer of {@code /api/events/stream} that stops reading must cost nothing but itself: it is
 * dropped once it falls too far behind, every webhook meanwhile is still answered 200, and new
 * viewers are served.
 */
class SlowViewerTest {
  private static final int MAX_QUEUED = 20;
  private SyncReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SyncReceiver.start(ReceiverConfig.builder().maxQueuedFramesPerViewer(MAX_QUEUED).build());
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void aViewerThatStopsReadingIsDroppedWhileEveryWebhookIsStillAnswered() throws Exception {
    String data = "{\"pad\":\"" + "x".repeat(8_000) + "\"}";
    try (Socket stuck = new Socket()) {
      stuck.setReceiveBufferSize(1024);
      stuck.connect(new InetSocketAddress("127.0.0.1", receiver.port()), 5_000);
      OutputStream out = stuck.getOutputStream();
      out.write(("GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> viewers() == 1);

      int posted = 0;
      while (viewers() > 0) {
        assertThat(posted).as("the stuck viewer should have been dropped by now").isLessThan(5_000);
        WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(),
            Webhooks.documentUpdated().document("big-" + posted).data(data).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        posted++;
      }
      assertThat(posted).as("the socket buffers and the queue had to fill first").isGreaterThan(MAX_QUEUED);
      assertThat(receiver.events().size()).isEqualTo(posted);
    }

    // a new viewer is served, from where it asks
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(receiver.baseUrl().resolve("/api/events/stream"))
            .header("Last-Event-ID", "1").timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      for (String line = lines.readLine(); line != null && id == null; line = lines.readLine()) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        }
      }
      assertThat(id).isEqualTo("2");
    }
  }

  private int viewers() {
    JsonNode health = WebhookClient.get(receiver.baseUrl().resolve("/health")).json();
    return health.get("streamViewers").asInt();
  }
}
