package dev.syncwire.receiver.internal.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An append-only JSON Lines file of recorded events: one JSON object per line, UTF-8, each line
 * ended by {@code '\n'}. The journal does not know the event model; callers hand it lines they
 * already serialized. One write path ({@link #appendAndWrite(Supplier, Function, Consumer)}) and
 * one read path ({@link #open}'s line consumer, the same {@link JournalLines} reader that
 * {@code JournalReader} and {@code syncwire replay} use).
 *
 * <p>Behind it: {@link JournalFile} (open, recover, watch), {@link GroupCommitWriter} (batches,
 * the writer role, fsync) and {@link JournalLine} (the line format). A future that completes
 * normally means the line is in the file (and on disk with {@code fsync}); an exceptional one
 * means it is not, so the event must not be acknowledged.
 *
 * <p>{@link #open} reads the file back first. Lines that are not a JSON object are skipped with a
 * warning naming the line number, never fatal; an unfinished last line left by a crash is cut
 * off so the next event starts on its own line.
 *
 * <pre>{@code
 * try (EventJournal journal = EventJournal.open(Path.of("data/events.jsonl"), false, restored::add)) {
 *   AtomicLong ids = new AtomicLong(restored.size());
 *   journal.appendAndWrite(() -> ids.incrementAndGet(), id -> ("{\"id\":" + id + "}").getBytes(UTF_8),
 *           id -> System.out.println("written " + id))
 *       .whenComplete((id, error) -> {
 *         if (error == null) callback.succeeded();   // answer 200 only once it is written
 *         else callback.failed(error);               // answer 503: the event was not recorded
 *       });
 * }
 * }</pre>
 *
 * <p>Thread-safe. One journal per file: a second open of the same file, from this or another
 * process, is refused.
 */
public final class EventJournal implements AutoCloseable {
  private final JournalFile file;
  private final GroupCommitWriter writer;

  /** Counters since open; {@code linesWritten / batchesWritten} is the group-commit ratio. */
  public record Stats(long linesWritten, long batchesWritten, long bytesWritten) {
    /** Lines per write on average, or 0 before the first batch. */
    public double linesPerBatch() {
      return batchesWritten == 0 ? 0 : (double) linesWritten / batchesWritten;
    }
  }

  interface WriteHook {
    void run() throws IOException;
  }

  private EventJournal(JournalFile file) {
    this.file = file;
    this.writer = new GroupCommitWriter(file);
  }

  /**
   * Opens {@code file} for appending, creating it and its parent directories if missing, and
   * reads back what it holds, handing each line to {@code eachLine} as it is read, in file order:
   * a caller that keeps only some, such as the newest thousands of a journal of millions, opens it
   * in memory bounded by what it keeps.
   *
   * @param file the journal, conventionally {@code something.jsonl}; relative to the working directory
   * @param fsync force the file to disk after every batch, so a completed append survives a power
   *     loss, not just a crash of this process
   * @param eachLine gets every complete line, without its {@code '\n'}; null keeps them for {@link #readBack()}
   * @return the open journal, its writer thread started
   * @throws IOException if the file cannot be created, read or locked; the message says why
   */
  public static EventJournal open(Path file, boolean fsync, Consumer<String> eachLine) throws IOException {
    return new EventJournal(JournalFile.open(file, fsync, eachLine));
  }

  /** {@link #open(Path, boolean, Consumer)} keeping the lines read back for {@link #readBack()}; for tests. */
  static EventJournal open(Path file, boolean fsync) throws IOException {
    return open(file, fsync, null);
  }

  /**
   * Numbers and writes one line: {@code next} runs under the journal's lock, so the items it makes
   * are queued, written and handed to {@code whenWritten} in the order of its calls. A receiver
   * gives each event its id there, so ids follow the order of the file. {@code line} makes the
   * item's line later, on the writing thread and outside the lock; if it throws, or makes a line
   * that is not one JSON object without a line break, only that item's future fails (with an
   * {@link IOException} saying why) and the lines around it are written.
   *
   * <p>The calling thread writes itself when no other thread is writing: then this returns only
   * once the batch holding the line is written (and forced with {@code fsync}), and the returned
   * future is already complete. When another thread is writing, the line joins that writer's next
   * batch and this returns at once. Either way no thread waits for another.
   *
   * @param next makes the next item; runs under the lock: keep it short and free of I/O
   * @param line the item's line: one JSON object, without a line break, as UTF-8
   * @param whenWritten runs once the line is written, before the future completes, on the writing
   *     thread and in the order of the lines in the file (so what it publishes keeps that order);
   *     not run if the write fails. Keep it short; an exception it throws is logged and does not
   *     fail the write.
   * @return completes with the item once its line is written (and forced with {@code fsync})
   * @throws IllegalStateException if the journal is closed ({@code next} is not called)
   */
  public <T> CompletableFuture<T> appendAndWrite(Supplier<T> next, Function<? super T, byte[]> line,
      Consumer<? super T> whenWritten) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(whenWritten, "whenWritten");
    return writer.appendAndWrite(() -> new GroupCommitWriter.Pending(next.get(), line, whenWritten));
  }

  /** The journal file, as an absolute path. */
  public Path file() {
    return file.path();
  }

  /** Whether each batch is forced to disk before its futures complete. */
  public boolean fsync() {
    return file.fsync;
  }

  /**
   * Why the journal stopped taking lines after a write error it could not undo, or null while it
   * writes. Every append fails with this reason until the journal is reopened.
   */
  public String stoppedBecause() {
    return writer.stoppedBecause();
  }

  /** Lines, batches and bytes written since open (not counting what was read back). */
  public Stats stats() {
    return writer.stats();
  }

  /**
   * Writes every line already queued, completes all their futures, stops the writer thread and
   * closes the file. Later appends throw {@link IllegalStateException}. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    writer.close();
  }

  @Override
  public String toString() {
    Stats s = stats();
    return "EventJournal[" + file + ", " + s.linesWritten() + " lines in " + s.batchesWritten() + " batches]";
  }

  // ---- for tests in this package: other ways in, and hooks into the writer

  /**
   * The complete lines the file held when it was opened, in order, without their {@code '\n'};
   * empty if the journal was opened with a consumer of its lines.
   */
  List<String> readBack() {
    return file.readBack().lines();
  }

  /** One sentence per line {@link #open} skipped or repaired, naming the file and line number. */
  List<String> readBackWarnings() {
    return file.readBack().warnings();
  }

  /** Queues {@code line} for the writer thread; the future completes once it is written. */
  CompletableFuture<Void> append(String line) {
    return writer.enqueue(JournalLine.encode(line));
  }

  /** {@link #append(String)} for a line already encoded as UTF-8; the array is kept until written. */
  CompletableFuture<Void> append(byte[] line) {
    return writer.enqueue(JournalLine.check(line));
  }

  /** {@link #appendAndWrite(Supplier, Function, Consumer)} for a line already made. */
  CompletableFuture<Void> appendAndWrite(byte[] line, Runnable whenWritten) {
    GroupCommitWriter.Pending pending = GroupCommitWriter.Pending.ofBytes(JournalLine.check(line),
        Objects.requireNonNull(whenWritten, "whenWritten"));
    return writer.appendAndWrite(() -> pending);
  }

  /** Runs on the writing thread just before each batch is written; tests pause or fail it here. */
  void beforeWrite(WriteHook hook) {
    writer.beforeWrite = hook;
  }

  /** Runs the once-a-second file check now, as the writer thread would when idle; false if a writer was busy. */
  boolean checkFileNow() {
    return writer.checkFileNow();
  }

  /** The channel, so tests can break it under the writer. */
  FileChannel channel() {
    return file.channel;
  }
}
