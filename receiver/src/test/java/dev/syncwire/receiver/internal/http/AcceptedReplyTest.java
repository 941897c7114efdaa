package dev.syncwire.receiver.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.Webhooks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written 200 answer is byte for byte what Jackson wrote. */
class AcceptedReplyTest {
  @Test
  void handWrittenAnswerEqualsJacksons() {
    FormParams params = Webhooks.mapItemAdded().build();
    for (String eventType : List.of("map_item_added", "map_item_created", " MAP_ITEM_ADDED\t", "map_item_added\"")) {
      for (Long duplicateOf : new Long[] {null, 3L}) {
        for (SignatureVerdict verdict : SignatureVerdict.values()) {
          SyncEvent event = new SyncEvent(1234567890123L, Instant.EPOCH,
              duplicateOf == null ? EventStatus.ACCEPTED : EventStatus.DUPLICATE,
              SyncWebhook.read(params.with("EventType", eventType)),
              new RawRequest("POST", "/webhooks", null, null, null), verdict, null, duplicateOf, List.of());
          assertThat(new String(JsonReplies.accepted(event)))
              .isEqualTo(new String(JsonReplies.acceptedWithJackson(event)));
        }
      }
    }
  }
}
