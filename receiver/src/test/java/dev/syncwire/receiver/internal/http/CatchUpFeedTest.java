package dev.syncwire.receiver.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.Webhooks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new viewer of the event stream sees events in id order, however live ones and its catch-up interleave. */
class CatchUpFeedTest {
  private final List<Long> sent = new ArrayList<>();

  @Test
  void liveEventsDuringTheCatchUpWaitForItAndRepeatsAreSkipped() {
    CatchUpFeed feed = new CatchUpFeed(e -> sent.add(e.id()), true);
    feed.live(event(3)); // recorded after the viewer subscribed, before it read what it missed
    feed.live(event(2)); // recorded before the read too: the catch-up carries it as well
    feed.catchUp(List.of(event(1), event(2)));
    feed.live(event(4));

    assertThat(sent).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void withoutACatchUpLiveEventsGoStraightOut() {
    CatchUpFeed feed = new CatchUpFeed(e -> sent.add(e.id()), false);
    feed.live(event(7));
    feed.live(event(8));

    assertThat(sent).containsExactly(7L, 8L);
  }

  @Test
  void anEventRecordedWhileTheCatchUpIsSendingFollowsIt() {
    List<SyncEvent> missed = List.of(event(1), event(2));
    CatchUpFeed[] feed = new CatchUpFeed[1];
    feed[0] = new CatchUpFeed(e -> {
      sent.add(e.id());
      if (e.id() == 1) {
        feed[0].live(event(3)); // as the store's publishing thread would, mid catch-up
      }
    }, true);
    feed[0].catchUp(missed);
    feed[0].live(event(4));

    assertThat(sent).containsExactly(1L, 2L, 3L, 4L);
  }

  private static SyncEvent event(long id) {
    return new SyncEvent(id, Instant.EPOCH, EventStatus.ACCEPTED, SyncWebhook.read(Webhooks.documentUpdated().build()),
        new RawRequest("POST", "/webhooks", null, null, null), SignatureVerdict.UNCHECKED, null, null, List.of());
  }
}
