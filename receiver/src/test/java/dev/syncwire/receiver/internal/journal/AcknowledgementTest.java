package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcknowledgementTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @ParameterizedTest(name = "fsync={0}")
  @ValueSource(booleans = {false, true})
  void aCompletedFutureMeansTheLineIsInTheFile(boolean fsync) throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal journal = EventJournal.open(file, fsync)) {
      for (int i = 0; i < 20; i++) {
        String line = "{\"n\":" + i + "}";
        journal.append(line).join();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).endsWith(line);
      }
      assertThat(journal.fsync()).isEqualTo(fsync);
    }
  }

  @Test
  void theFutureStaysIncompleteWhileItsBatchIsBeingWritten() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal journal = EventJournal.open(file, false)) {
      CountDownLatch writing = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      journal.beforeWrite(() -> {
            writing.countDown();
            GroupCommitTest.await(release);
          });
      CompletableFuture<Void> written = journal.append("{\"n\":1}");
      assertThat(writing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      assertThat(written).isNotDone();
      assertThat(file).isEmptyFile();

      release.countDown();
      assertThat(written).succeedsWithin(WAIT);
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n");
    }
  }
}
