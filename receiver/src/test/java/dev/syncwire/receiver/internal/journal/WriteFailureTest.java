package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteFailureTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void aBrokenFileFailsTheFutureWithAMessageNamingTheFileAndTheCause() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal journal = EventJournal.open(file, false)) {
      journal.append("{\"n\":1}").join();
      journal.channel().close(); // the file goes away under the writer

      CompletableFuture<Void> failed = journal.append("{\"n\":2}");

      assertThat(failed)
          .failsWithin(WAIT)
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(IOException.class)
          .withMessageContaining("Could not write 1 event to journal " + file)
          .withMessageContaining("ClosedChannelException")
          .withMessageContaining("not recorded");
      // nothing later can be recorded either, and nothing hangs
      assertThat(journal.append("{\"n\":3}"))
          .failsWithin(WAIT)
          .withThrowableThat()
          .havingCause()
          .withMessageContaining("Journal " + file + " stopped after a write error")
          .withMessageContaining("reopen");
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n");
  }

  @Test
  void theJournalKeepsWorkingAfterAWriteErrorItCouldUndo() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal journal = EventJournal.open(file, false)) {
      AtomicBoolean diskFull = new AtomicBoolean(true);
      journal.beforeWrite(() -> {
            if (diskFull.get()) {
              throw new IOException("No space left on device");
            }
          });
      assertThat(journal.append("{\"n\":1}"))
          .failsWithin(WAIT)
          .withThrowableThat()
          .havingCause()
          .withMessageContaining("No space left on device")
          .withMessageContaining(file.toString());

      diskFull.set(false);
      assertThat(journal.append("{\"n\":2}")).succeedsWithin(WAIT);
      assertThat(journal.stats().linesWritten()).isEqualTo(1);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}\n");
  }

  @Test
  void aDirectoryIsRefusedWithAMessageSayingWhatToPass() {
    assertThatThrownBy(() -> EventJournal.open(dir, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir + " is a directory")
        .hasMessageContaining("events.jsonl");
  }

  @Test
  void aSecondJournalOnTheSameFileIsRefused() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal first = EventJournal.open(file, false)) {
      assertThatThrownBy(() -> EventJournal.open(file, false))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(file + " is already open");
      assertThat(first.append("{\"n\":1}")).succeedsWithin(WAIT);
    }
    try (EventJournal again = EventJournal.open(file, false)) {
      assertThat(again.readBack()).containsExactly("{\"n\":1}");
    }
  }
}
