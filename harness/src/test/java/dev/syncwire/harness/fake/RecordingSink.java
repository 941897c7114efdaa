package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every webhook the fake hands over, in order. */
final class RecordingSink implements WebhookSink {
  record Sent(String url, FormParams params, String authToken, String orderingKey) {
    String eventType() {
      return params.get("EventType");
    }
  }

  final List<Sent> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(String url, FormParams params, String authToken, String orderingKey) {
    sent.add(new Sent(url, params, authToken, orderingKey));
  }

  List<String> eventTypes() {
    return sent.stream().map(Sent::eventType).toList();
  }
}
