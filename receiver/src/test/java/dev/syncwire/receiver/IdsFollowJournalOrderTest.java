package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids follow the order of the journal and of publication, under concurrent deliveries: a reader
 * holding a cursor (afterId, an event stream's Last-Event-ID) that saw id N has seen every event
 * below N, so it never misses one that was still being written.
 */
class IdsFollowJournalOrderTest {
  private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");
  private static final int DELIVERIES = 400;

  @TempDir
  Path dir;

  @Test
  void concurrentDeliveriesAreJournaledAndPublishedInIdOrder() throws Exception {
    Path journal = dir.resolve("events.jsonl");
    List<Long> published = new CopyOnWriteArrayList<>();
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      receiver.events().subscribe(e -> published.add(e.id()));
      deliverConcurrently(receiver);
    }
    List<Long> journaled = idsIn(journal);
    assertThat(journaled).hasSize(DELIVERIES).isSorted().doesNotHaveDuplicates();
    assertThat(published).containsExactlyElementsOf(journaled);
  }

  @Test
  void withoutAJournalEventsArePublishedInIdOrder() throws Exception {
    List<Long> published = new CopyOnWriteArrayList<>();
    try (SyncReceiver receiver = SyncReceiver.start()) {
      receiver.events().subscribe(e -> published.add(e.id()));
      deliverConcurrently(receiver);
      assertThat(receiver.events().all()).extracting(SyncEvent::id).containsExactlyElementsOf(published);
    }
    assertThat(published).hasSize(DELIVERIES).isSorted().doesNotHaveDuplicates();
  }

  /** Valid and rejected deliveries from more threads than cores, so request threads interleave. */
  private static void deliverConcurrently(SyncReceiver receiver) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<WebhookClient.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < DELIVERIES; i++) {
        FormParams params = i % 5 == 0
            ? Webhooks.mapItemAdded().key("k" + i).set("MapSid", "not-a-sid").build()
            : Webhooks.mapItemAdded().key("k" + i).eventId(i).build();
        replies.add(CompletableFuture.supplyAsync(() -> WebhookClient.postForm(receiver.webhookUrl(), params), senders));
      }
      for (CompletableFuture<WebhookClient.Reply> reply : replies) {
        assertThat(reply.get().status()).isIn(200, 400);
      }
    } finally {
      senders.shutdownNow();
    }
  }

  private static List<Long> idsIn(Path journal) throws IOException {
    List<Long> ids = new ArrayList<>();
    for (String line : Files.readAllLines(journal)) {
      Matcher m = ID.matcher(line);
      assertThat(m.find()).as("line starts with its id: %s", line).isTrue();
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }
}
