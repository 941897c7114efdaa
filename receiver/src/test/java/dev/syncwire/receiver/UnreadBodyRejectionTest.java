package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An API request rejected before its body was read: the answer keeps the connection only if the body was read,
 * so a client that pools connections never reuses one the receiver is about to close.
 */
class UnreadBodyRejectionTest {
  private static String post(String path, int contentLength, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + contentLength + "\r\n\r\n" + body;
  }

  @Test
  void aRejectionWhoseBodyHasNotArrivedSaysConnectionClose() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().build())) {
      RawHttp.Answer answer = RawHttp.exchange(receiver.port(), post("/api/events/999/replay", 2, ""));

      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.json().get("field").asText()).isEqualTo("id");
      assertThat(answer.headers()).containsEntry("connection", "close");
    }
  }

  @Test
  void aRejectionWhoseBodyArrivedKeepsTheConnection() throws Exception {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().build())) {
      RawHttp.Answer answer = RawHttp.exchange(receiver.port(), post("/api/events/999/replay", 2, "{}"));

      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.headers()).doesNotContainKey("connection");
    }
  }
}
