package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.fixtures.WebhookSender;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JournalReader streams what a receiver journaled, in order, and names lines it skips. */
class JournalReaderTest {
  @TempDir Path dir;

  @Test
  void readsEveryJournaledEventInOrderAndNamesATornLastLine() throws Exception {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      WebhookSender sender = WebhookSender.to(receiver.webhookUrl().toString());
      sender.send(Webhooks.mapItemAdded().build());
      sender.send(Webhooks.mapItemRemoved().build());
    }
    Files.writeString(journal, "\n{\"id\":9,\"stat", StandardOpenOption.APPEND);

    List<SyncEvent> events = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long read = JournalReader.forEach(journal, events::add, (line, problem) -> skipped.add(line + ": " + problem));

    assertThat(read).isEqualTo(2);
    assertThat(events).extracting(SyncEvent::id).containsExactly(1L, 2L);
    assertThat(events.get(1).toString()).contains("map_item_removed");
    assertThat(skipped).singleElement().asString().startsWith("4: not a recorded event");
  }

  @Test
  void aMissingJournalIsNoSuchFile() {
    assertThatThrownBy(() -> JournalReader.forEach(dir.resolve("nope.jsonl"), e -> {}, (n, p) -> {}))
        .isInstanceOf(NoSuchFileException.class);
  }
}
