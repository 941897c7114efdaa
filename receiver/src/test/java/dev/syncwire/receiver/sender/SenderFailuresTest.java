package dev.syncwire.receiver.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When nothing (or nothing useful) answers, the error names the URL and what to check. */
class SenderFailuresTest {
  @Test
  void aRefusedConnectionNamesTheUrlAndAsksWhetherTheHandlerRuns() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/sync";

    assertThatThrownBy(() -> WebhookSender.to(url).send(Webhooks.mapItemRemoved()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("could not connect to " + url + ": connection refused — is your handler running?");
  }

  @Test
  void aHandlerThatNeverAnswersTimesOutNamingTheUrl() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/sync";
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          ignored.getInputStream().readAllBytes(); // hold the connection open, never answer
        } catch (IOException e) {
          // the test closed the socket
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      assertThatThrownBy(() -> WebhookSender.to(url).timeout(Duration.ofMillis(300)).send(Webhooks.mapItemRemoved()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("no answer from " + url + " within 300 ms — is your handler stuck?");
    }
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedBeforeSending() {
    assertThatThrownBy(() -> WebhookSender.to("ftp://localhost/sync"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ftp://localhost/sync' is not an http(s) URL");
  }
}
