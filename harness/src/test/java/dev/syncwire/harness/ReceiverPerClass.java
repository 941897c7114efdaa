package dev.syncwire.harness;

import dev.syncwire.receiver.SyncReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** One real receiver per test class, a fresh SyncEvents (so a fresh scope) per test. */
@Timeout(30)
abstract class ReceiverPerClass {
  static SyncReceiver receiver;
  static WebhookPoster poster;
  SyncEvents events;

  @BeforeAll
  static void startReceiver() {
    receiver = WebhookPoster.startReceiver();
    poster = new WebhookPoster(receiver);
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @BeforeEach
  void openEvents() {
    events = SyncEvents.of(receiver);
  }

  @AfterEach
  void closeEvents() {
    events.close();
  }
}
