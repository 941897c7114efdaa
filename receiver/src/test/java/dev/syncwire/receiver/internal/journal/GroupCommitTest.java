package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void eightThreadsAppendingConcurrentlyGetEveryLineWrittenOnceInFewerBatchesThanLines() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    Path file = dir.resolve("events.jsonl");
    List<CompletableFuture<Void>> all = new ArrayList<>();
    EventJournal.Stats stats;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (EventJournal journal = EventJournal.open(file, false)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        submitted.add(
            pool.submit(
                () -> {
                  start.await();
                  List<CompletableFuture<Void>> mine = new ArrayList<>(perThread);
                  for (int i = 0; i < perThread; i++) {
                    mine.add(journal.append("{\"thread\":" + thread + ",\"i\":" + i + "}"));
                  }
                  return mine;
                }));
      }
      start.countDown();
      for (Future<List<CompletableFuture<Void>>> f : submitted) {
        all.addAll(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      assertThat(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
      stats = journal.stats();
    } finally {
      pool.shutdownNow();
    }

    assertThat(all).hasSize(threads * perThread).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> expected = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        expected.add("{\"thread\":" + t + ",\"i\":" + i + "}");
      }
    }
    assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
    for (int t = 0; t < threads; t++) {
      String prefix = "{\"thread\":" + t + ",";
      // one thread's appends keep their order
      assertThat(lines.stream().filter(l -> l.startsWith(prefix)).toList())
          .containsExactlyElementsOf(expected.subList(t * perThread, (t + 1) * perThread));
    }
    assertThat(stats.linesWritten()).isEqualTo(threads * perThread);
    assertThat(stats.batchesWritten()).isLessThan(stats.linesWritten());
  }

  @Test
  void linesQueuedWhileTheWriterIsBusyShareOneBatch() throws Exception {
    try (EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false)) {
      CountDownLatch writing = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      journal.beforeWrite(() -> {
            writing.countDown();
            await(release);
          });
      CompletableFuture<Void> first = journal.append("{\"n\":0}");
      assertThat(writing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Void>> queued = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        queued.add(journal.append("{\"n\":" + i + "}"));
      }
      release.countDown();

      assertThat(CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
      assertThat(first).isCompleted();
      assertThat(journal.stats()).isEqualTo(new EventJournal.Stats(101, 2, journal.stats().bytesWritten()));
      assertThat(journal.stats().linesPerBatch()).isEqualTo(50.5);
    }
  }

  @Test
  void aBacklogLargerThanOneWriteIsSplitIntoSeveralBatches() throws Exception {
    String big = "{\"pad\":\"" + "x".repeat(100_000) + "\"}";
    try (EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false)) {
      CountDownLatch writing = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      journal.beforeWrite(() -> {
            writing.countDown();
            await(release);
          });
      journal.append("{\"n\":0}");
      assertThat(writing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Void>> queued = new ArrayList<>();
      for (int i = 0; i < 25; i++) { // ~2.5 MB, more than MAX_BATCH_BYTES
        queued.add(journal.append(big));
      }
      release.countDown();
      assertThat(CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
      assertThat(journal.stats().batchesWritten()).isEqualTo(1 + 3);
    }
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("test hook was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
