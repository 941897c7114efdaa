package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body too large (413), cut short (400) or stalled (408) is told apart, answered in the JSON
 * shape with how many bytes arrived, and recorded as a rejected event, its headers kept and no body.
 */
class RejectsUnreadBodiesTest {
  private static final String HEAD = "POST /webhooks HTTP/1.1\r\nHost: x\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\n";

  private SyncReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SyncReceiver.start(ReceiverConfig.builder().maxBodyBytes(100).build());
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void aBodyThatEndsBeforeItsContentLengthIsA400SayingHowMuchArrived() {
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(),
        HEAD + "Content-Length: 50\r\n\r\nEventType=abc", RawHttp.Then.HALF_CLOSE);

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    JsonNode json = answer.json();
    assertThat(json.get("error").asText()).isEqualTo("body_incomplete");
    assertThat(json.get("field").asText()).isEqualTo("body");
    assertThat(json.get("message").asText()).startsWith("the body ended after 13 of 50 bytes");
    assertThat(json.get("errors").get(0).get("received").asText()).isEqualTo("13 of 50 bytes");
    assertRecordedAsRejected(json, "complete_body");
  }

  @Test
  void aBodyThatStallsIsA408OnceTheIdleTimeoutPasses() {
    receiver.connector().setIdleTimeout(300);

    RawHttp.Answer answer = RawHttp.exchange(receiver.port(), HEAD + "Content-Length: 50\r\n\r\nEventType=abc");

    assertThat(answer.status()).as(answer.body()).isEqualTo(408);
    JsonNode json = answer.json();
    assertThat(json.get("error").asText()).isEqualTo("body_timeout");
    assertThat(json.get("message").asText()).contains("13 of 50 bytes").contains("300 ms");
    assertRecordedAsRejected(json, "complete_body");
  }

  @Test
  void aContentLengthOverTheLimitIsA413AndRecorded() {
    WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
        "EventType=".concat("x".repeat(190)).getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(413);
    assertThat(reply.json().get("errors").get(0).get("received").asText()).isEqualTo("200 bytes");
    assertRecordedAsRejected(reply.json(), "max_body_bytes");
  }

  @Test
  void aChunkedBodyOverTheLimitIsA413AndRecorded() {
    String chunk = "x".repeat(150);
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(), HEAD + "Transfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");

    assertThat(answer.status()).as(answer.body()).isEqualTo(413);
    assertThat(answer.json().get("errors").get(0).get("received").asText()).isEqualTo("more than 100 bytes");
    assertRecordedAsRejected(answer.json(), "max_body_bytes");
  }

  private void assertRecordedAsRejected(JsonNode json, String rule) {
    assertThat(json.has("id")).as(json.toString()).isTrue();
    SyncEvent event = receiver.events().get(json.get("id").asLong()).orElseThrow();
    assertThat(event.status()).isEqualTo(EventStatus.REJECTED);
    assertThat(event.errors()).extracting(v -> v.field() + ":" + v.rule()).containsExactly("body:" + rule);
    assertThat(event.signature()).isEqualTo(SignatureVerdict.UNCHECKED);
    assertThat(event.request().body()).isEmpty();
    assertThat(event.request().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
  }
}
