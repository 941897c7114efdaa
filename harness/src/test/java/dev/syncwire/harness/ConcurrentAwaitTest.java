package dev.syncwire.harness;

import static dev.syncwire.fixtures.EventType.MAP_ITEM_UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Awaits from 8 threads at once, each for its own key, while webhooks arrive in parallel: each gets its own event. */
class ConcurrentAwaitTest extends ReceiverPerClass {
  private static final int THREADS = 8;

  @Test
  void eightThreadsEachGetTheirOwnEvent() throws Exception {
    ExecutorService awaiting = Executors.newFixedThreadPool(THREADS);
    ExecutorService posting = Executors.newFixedThreadPool(4);
    try {
      List<Future<SyncEvent>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        String key = "user-" + i;
        results.add(awaiting.submit(() -> events.await().type(MAP_ITEM_UPDATED).object("user-presence").key(key)
            .data("status", "offline").within(Duration.ofSeconds(5))));
      }
      List<Future<Integer>> posts = new ArrayList<>();
      for (int i = THREADS - 1; i >= 0; i--) {
        String key = "user-" + i;
        posts.add(posting.submit(() -> poster.post(Webhooks.mapItemUpdated().map("user-presence").key(key)
            .data("{\"status\":\"online\"}"))));
        posts.add(posting.submit(() -> poster.post(Webhooks.mapItemUpdated().map("user-presence").key(key)
            .data("{\"status\":\"offline\"}"))));
      }
      for (Future<Integer> post : posts) {
        assertThat(post.get()).isEqualTo(200);
      }
      for (int i = 0; i < THREADS; i++) {
        SyncEvent e = results.get(i).get();
        assertThat(e.itemKey()).isEqualTo("user-" + i);
        assertThat(e.data().get("status").asText()).isEqualTo("offline");
      }
      assertThat(events.waiting()).isZero();
    } finally {
      awaiting.shutdownNow();
      posting.shutdownNow();
    }
  }

  @Test
  void noEventIsMissedWhenItArrivesWhileTheAwaitRegisters() throws Exception {
    ExecutorService posting = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 200; i++) {
        String key = "race-" + i;
        // no gate: the webhook lands before, during or after registration and the scan
        Future<Integer> post = posting.submit(() -> poster.post(Webhooks.mapItemUpdated().map("m").key(key)));
        SyncEvent e = events.await().type(MAP_ITEM_UPDATED).key(key).within(Duration.ofSeconds(5));
        assertThat(e.itemKey()).isEqualTo(key);
        assertThat(post.get()).isEqualTo(200);
      }
    } finally {
      posting.shutdownNow();
    }
  }
}
