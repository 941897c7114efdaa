package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EventJournal#appendAndWrite}: the caller writes when the role is free, joins the writer's batch when not. */
class AppendAndWriteTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private static byte[] line(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "fsync={0}")
  @ValueSource(booleans = {false, true})
  void withNoOtherWriterTheCallerWritesItsOwnLineBeforeReturning(boolean fsync) throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal journal = EventJournal.open(file, fsync)) {
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      CompletableFuture<Void> written = journal.appendAndWrite(line("{\"n\":1}"), () -> ranOn.set(Thread.currentThread()));

      assertThat(written).isCompleted();
      assertThat(ranOn.get()).isSameAs(Thread.currentThread());
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n");
      assertThat(journal.stats().linesWritten()).isEqualTo(1);
    }
  }

  @Test
  void whileAnotherThreadWritesTheLineJoinsItsNextBatchAndTheCallerDoesNotWait() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal journal = EventJournal.open(file, false)) {
      CountDownLatch writing = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      journal.beforeWrite(() -> {
        writing.countDown();
        GroupCommitTest.await(release);
      });
      CompletableFuture<Void> first = journal.append("{\"n\":0}"); // the writer thread holds the role, paused
      assertThat(writing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      journal.beforeWrite(() -> {});

      List<String> published = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Void>> queued = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        String json = "{\"n\":" + i + "}";
        queued.add(journal.appendAndWrite(line(json), () -> published.add(json)));
      }
      assertThat(queued).noneMatch(CompletableFuture::isDone);
      assertThat(published).isEmpty();

      release.countDown();
      assertThat(CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
      assertThat(first).isCompleted();
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      assertThat(lines).hasSize(11);
      assertThat(published).containsExactlyElementsOf(lines.subList(1, 11));
      assertThat(journal.stats().batchesWritten()).isEqualTo(2);
    }
  }

  @Test
  void concurrentCallersPublishInExactlyTheOrderOfTheFile() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    Path file = dir.resolve("events.jsonl");
    List<String> published = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> all = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (EventJournal journal = EventJournal.open(file, false)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        submitted.add(pool.submit(() -> {
          start.await();
          List<CompletableFuture<Void>> mine = new ArrayList<>(perThread);
          for (int i = 0; i < perThread; i++) {
            String json = "{\"thread\":" + thread + ",\"i\":" + i + "}";
            mine.add(journal.appendAndWrite(line(json), () -> published.add(json)));
          }
          return mine;
        }));
      }
      start.countDown();
      for (Future<List<CompletableFuture<Void>>> f : submitted) {
        all.addAll(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      assertThat(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
      assertThat(journal.stats().linesWritten()).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(threads * perThread).doesNotHaveDuplicates();
    assertThat(published).containsExactlyElementsOf(lines);
    for (int t = 0; t < threads; t++) {
      String prefix = "{\"thread\":" + t + ",";
      List<String> mine = lines.stream().filter(l -> l.startsWith(prefix)).toList();
      assertThat(mine).hasSize(perThread);
      for (int i = 0; i < perThread; i++) {
        assertThat(mine.get(i)).isEqualTo(prefix + "\"i\":" + i + "}"); // one thread's lines keep their order
      }
    }
  }

  @Test
  void closingFromTheWhenWrittenOfALineTheCallerWritesDoesNotDeadlock() throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventJournal journal = EventJournal.open(file, false);
    CompletableFuture<Void> written = journal.appendAndWrite(line("{\"n\":1}"), journal::close);

    assertThat(written).isCompleted();
    assertThat(journal.stats().linesWritten()).isEqualTo(1);
    journal.close(); // the writer thread finished closing; a second close returns at once
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n");
  }
}
