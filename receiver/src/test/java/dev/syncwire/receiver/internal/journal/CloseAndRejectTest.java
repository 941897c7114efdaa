package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseAndRejectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void appendAfterCloseThrowsIllegalStateException() throws Exception {
    EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false);
    journal.close();

    assertThatThrownBy(() -> journal.append("{\"n\":1}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed")
        .hasMessageContaining("EventJournal.open");
  }

  @Test
  void closeWritesAndCompletesEveryPendingAppend() throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventJournal journal = EventJournal.open(file, false);
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    journal.beforeWrite(() -> {
          writing.countDown();
          GroupCommitTest.await(release);
        });
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    pending.add(journal.append("{\"n\":0}"));
    assertThat(writing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i < 50; i++) {
      pending.add(journal.append("{\"n\":" + i + "}"));
    }
    journal.beforeWrite(() -> {});
    release.countDown();

    journal.close();

    assertThat(pending).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(Files.readAllLines(file)).hasSize(50);
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false);
    journal.append("{\"n\":1}");
    journal.close();
    journal.close();
    assertThat(journal.stats().linesWritten()).isEqualTo(1);
  }

  @Test
  void closingFromAFutureCallbackDoesNotDeadlock() throws Exception {
    EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false);
    CompletableFuture<Void> closedInCallback = journal.append("{\"n\":1}").thenRun(journal::close);
    assertThat(closedInCallback).succeedsWithin(WAIT);
    journal.close();
    assertThatThrownBy(() -> journal.append("{\"n\":2}")).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\n1}", "{\"a\":1}\n", "{\"a\":\r1}"})
  void linesWithALineBreakAreRejected(String line) throws Exception {
    try (EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false)) {
      assertThatThrownBy(() -> journal.append(line))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line break")
          .hasMessageContaining("pretty-printing");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "SyncEvent[type=map_item_added]", "[1,2]", "\"text\""})
  void linesThatAreNotAJsonObjectAreRejected(String line) throws Exception {
    try (EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false)) {
      assertThatThrownBy(() -> journal.append(line))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be one JSON object");
      assertThat(journal.stats().linesWritten()).isZero();
    }
  }
}
