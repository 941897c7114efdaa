package dev.syncwire.receiver.internal.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A rough throughput check for {@link EventJournal}, not a unit test and not JMH: run it by hand
 * to see lines/s and the group-commit ratio, with and without fsync.
 *
 * <pre>{@code
 * # args: [lines] [threads] [dir]; defaults 200000 4 and a temp dir under target/
 * java -cp receiver/target/classes:receiver/target/test-classes:$(cat cp.txt) \
 *     dev.syncwire.receiver.internal.journal.JournalThroughput 200000 4
 * }</pre>
 *
 * <p>Two ways to append: "pipelined" threads queue all their lines and then wait (the ceiling);
 * "wait-each" threads wait for every line before the next, as a handler answering one webhook
 * at a time does, so at most {@code threads} lines can share a batch.
 */
public final class JournalThroughput {
  // about the size of a serialized map_item_updated event
  private static final String LINE =
      "{\"type\":\"map_item_updated\",\"service\":\"IS0123456789abcdef0123456789abcdef\","
          + "\"map\":\"MP0123456789abcdef0123456789abcdef\",\"mapUniqueName\":\"user-presence\","
          + "\"itemKey\":\"user-%d\",\"itemData\":{\"status\":\"online\",\"device\":\"web\"},"
          + "\"dateCreated\":\"2025-01-01T00:00:00Z\",\"signature\":\"valid\",\"seq\":%d}";

  private JournalThroughput() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory(Path.of("target"), "journal-throughput");
    Files.createDirectories(dir);
    System.out.printf("%,d lines from %d threads into %s (%d CPUs)%n", lines, threads, dir.toAbsolutePath(),
        Runtime.getRuntime().availableProcessors());

    run(dir, "warm-up", false, true, 50_000, threads, false);
    for (boolean fsync : new boolean[] {false, true}) {
      run(dir, "pipelined", fsync, true, lines, threads, true);
      run(dir, "wait-each", fsync, false, lines, threads, true);
    }
  }

  private static void run(Path dir, String mode, boolean fsync, boolean pipelined, int lines, int threads,
      boolean print) throws Exception {
    Path file = dir.resolve(mode + (fsync ? "-fsync" : "") + ".jsonl");
    Files.deleteIfExists(file);
    int perThread = lines / threads;
    long started;
    long elapsed;
    EventJournal.Stats stats;
    try (EventJournal journal = EventJournal.open(file, fsync)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      List<Throwable> errors = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        // serialized before the clock starts: this measures the journal, not String.format
        List<String> toAppend = new ArrayList<>(perThread);
        for (int i = 0; i < perThread; i++) {
          toAppend.add(String.format(LINE, i % 1000, thread * perThread + i));
        }
        Thread w = new Thread(() -> {
          try {
            go.await();
            List<CompletableFuture<Void>> mine = new ArrayList<>(pipelined ? perThread : 0);
            for (int i = 0; i < perThread; i++) {
              CompletableFuture<Void> f = journal.append(toAppend.get(i));
              if (pipelined) {
                mine.add(f);
              } else {
                f.join();
              }
            }
            CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).join();
          } catch (Throwable e) {
            synchronized (errors) {
              errors.add(e);
            }
          }
        });
        w.start();
        workers.add(w);
      }
      started = System.nanoTime();
      go.countDown();
      for (Thread w : workers) {
        w.join();
      }
      elapsed = System.nanoTime() - started;
      stats = journal.stats();
      if (!errors.isEmpty()) {
        throw new IOException(errors.size() + " worker(s) failed", errors.get(0));
      }
    }
    if (print) {
      double seconds = elapsed / 1e9;
      System.out.printf("%-9s fsync=%-5s %,10.0f lines/s  %,8d lines in %,7d batches (%6.1f lines/batch)  %6.1f MB/s  %6.2f s%n",
          mode, fsync, stats.linesWritten() / seconds, stats.linesWritten(), stats.batchesWritten(),
          stats.linesPerBatch(), stats.bytesWritten() / 1e6 / seconds, seconds);
    }
    Files.deleteIfExists(file);
  }
}
