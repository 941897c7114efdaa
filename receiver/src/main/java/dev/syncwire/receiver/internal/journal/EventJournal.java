package dev.syncwire.receiver.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON Lines file of recorded events: one JSON object per line, UTF-8, each line
 * ended by {@code '\n'}. The journal does not know the event model; callers hand it lines they
 * already serialized.
 *
 * <p>Lines are written in batches (group commit): whoever writes takes every line queued
 * meanwhile and writes them with one {@code write}, then {@code force}s the file if {@code fsync}
 * is on, then completes their futures. One thread at a time holds that writer role. With
 * {@link #append} it is the journal's own writer thread, and the caller never waits. With
 * {@link #appendAndWrite} the calling thread takes the role itself when it is free, the usual case
 * on a receiver's request thread, so no other thread has to be woken; when another thread is
 * writing already, the line joins that writer's next batch and the call returns at once. No
 * thread ever waits for the role: the one lock is held only to add, swap or flag, never across
 * I/O.
 *
 * <p>A future that completes normally means the line is in the file (and on disk with
 * {@code fsync}); an exceptional one means it is not, so the event must not be acknowledged.
 * Dependent stages attached without an executor run on the writing thread: keep them short
 * (completing a Jetty {@code Callback} is fine).
 *
 * <p>{@link #open} reads the file back first. Lines that are not a JSON object are skipped with a
 * warning naming the line number, never fatal; an unfinished last line left by a crash is cut
 * off so the next event starts on its own line.
 *
 * <pre>{@code
 * try (EventJournal journal = EventJournal.open(Path.of("data/events.jsonl"), false)) {
 *   journal.readBack().forEach(store::add);          // events recorded before a restart
 *   journal.append("{\"type\":\"map_item_added\"}")
 *       .whenComplete((ok, error) -> {
 *         if (error == null) callback.succeeded();   // answer 200 only once it is written
 *         else callback.failed(error);               // answer 503: the event was not recorded
 *       });
 * }
 * }</pre>
 *
 * <p>Thread-safe. One journal per file: a second open of the same file, from this or another
 * process, is refused.
 *
 * <p>Over 500 lines because the group-commit writer role and the file watch share one lock and
 * must be read together; the line format ({@link JournalLine}), file rules ({@link JournalFile})
 * and reading ({@link JournalLines}, {@link ReadBack}) live apart.
 */
public final class EventJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
  /** The most bytes one write carries; a larger backlog goes out in several batches. */
  static final int MAX_BATCH_BYTES = 1 << 20;
  /** How long the writer thread waits, idle, before it checks the file is still there. */
  static final long FILE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path file;
  private final boolean fsync;
  /** Swapped only by the thread holding the writer role, when the file was deleted under us. */
  private volatile FileChannel channel;
  private final ReadBack readBack;
  private final Thread writer;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  // guarded by lock; held only to add, swap or flag, never across I/O
  private ArrayList<Pending> queue = new ArrayList<>();
  private ArrayList<Pending> spare = new ArrayList<>();
  /** Some thread holds the writer role: it alone writes, until it sets this back under the lock. */
  private boolean writing;
  private Thread writingThread;
  private boolean closed;
  private IOException stopped;

  // only the thread holding the writer role
  private long size;
  /** The file's identity (device and inode) as opened, to notice it being deleted or replaced. */
  private Object fileKey;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

  private volatile Stats stats = new Stats(0, 0, 0);
  /**
   * Runs on the writing thread (the writer thread, or a caller of appendAndWrite) just before each
   * batch is written; tests pause or fail it here.
   */
  volatile WriteHook beforeWrite = () -> {};

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

  /**
   * One queued line: {@code item} is what the caller appended, {@code line} turns it into the
   * line's bytes on the writing thread, {@code whenWritten} runs once it is written. {@code bytes}
   * is set by the writer; it stays null for an item whose line could not be made.
   */
  private static final class Pending {
    final Object item;
    final Function<Object, byte[]> line;
    final Consumer<Object> whenWritten;
    final CompletableFuture<Object> written = new CompletableFuture<>();
    byte[] bytes;

    @SuppressWarnings("unchecked")
    Pending(Object item, Function<?, byte[]> line, Consumer<?> whenWritten) {
      this.item = item;
      this.line = (Function<Object, byte[]>) line;
      this.whenWritten = (Consumer<Object>) whenWritten;
    }

    static Pending ofBytes(byte[] bytes, Runnable whenWritten) {
      Pending p = new Pending(bytes, null, whenWritten == null ? null : b -> whenWritten.run());
      p.bytes = bytes;
      return p;
    }

    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> future() {
      return (CompletableFuture<T>) written;
    }
  }

  /**
   * How many batches a caller of {@link #appendAndWrite} writes before it hands what is still
   * queued to the writer thread: its own line went out in the first, and every further batch
   * delays its own answer. With {@code fsync} each batch costs a disk flush, so it writes one.
   */
  private final int batchesPerCaller;

  private EventJournal(Path file, boolean fsync, FileChannel channel, Object fileKey, ReadBack readBack, long size) {
    this.file = file;
    this.fsync = fsync;
    this.channel = channel;
    this.fileKey = fileKey;
    this.readBack = readBack;
    this.size = size;
    this.batchesPerCaller = fsync ? 1 : 4;
    this.writer = new Thread(this::run, "syncwire-journal " + file.getFileName());
    // daemon: a forgotten journal must not keep the JVM alive; unwritten lines were never acknowledged
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens {@code file} for appending, creating it and its parent directories if missing, and
   * reads back what it holds (see {@link #readBack()}).
   *
   * @param file the journal, conventionally {@code something.jsonl}; relative to the working directory
   * @param fsync force the file to disk after every batch, so a completed append survives a power
   *     loss, not just a crash of this process
   * @return the open journal, its writer thread started
   * @throws IOException if the file cannot be created, read or locked; the message says why
   */
  public static EventJournal open(Path file, boolean fsync) throws IOException {
    return open(file, fsync, null);
  }

  /**
   * {@link #open(Path, boolean)}, handing each line the file holds to {@code eachLine} as it is
   * read, in file order, instead of keeping them all for {@link #readBack()} (which is then empty):
   * a caller that keeps only some, such as the newest thousands of a journal of millions, opens it
   * in memory bounded by what it keeps.
   *
   * @param eachLine gets every complete line, without its {@code '\n'}; null keeps them for {@link #readBack()}
   */
  public static EventJournal open(Path file, boolean fsync, Consumer<String> eachLine) throws IOException {
    Path path = file.toAbsolutePath();
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    if (Files.isDirectory(path)) {
      throw new IOException(
          "Journal path " + path + " is a directory; pass a file inside it, such as "
              + path.resolve("events.jsonl"));
    }
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      JournalFile.lockOrExplain(path, channel);
      ReadBack readBack = ReadBack.scan(path, channel, eachLine);
      JournalFile.refuseIfNotAJournal(path, channel, readBack);
      long size = readBack.keepBytes();
      if (size < channel.size()) {
        Path kept = JournalFile.keepTornTail(path, channel, size);
        readBack = readBack.withWarning(String.format(
            "%s: the %d bytes cut off the end were first appended to %s, so nothing was destroyed.",
            path, channel.size() - size, kept));
        channel.truncate(size);
      }
      if (readBack.terminateLastLine()) {
        size += channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
      }
      if (fsync) {
        channel.force(true);
      }
      readBack.warnings().forEach(LOG::warn);
      return new EventJournal(path, fsync, channel, JournalFile.fileKey(path), readBack, size);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /**
   * The complete lines the file held when it was opened, in order, without their {@code '\n'};
   * lines appended since are not included. The list is held for the journal's lifetime; empty if
   * the journal was opened with a consumer of its lines ({@link #open(Path, boolean, Consumer)}).
   */
  public List<String> readBack() {
    return readBack.lines();
  }

  /**
   * One sentence per line {@link #open} skipped or repaired, naming the file and line number;
   * empty for a clean file. Each was also logged at WARN.
   */
  public List<String> readBackWarnings() {
    return readBack.warnings();
  }

  /**
   * Queues {@code line} and returns a future that completes once the line is written (and forced
   * to disk with {@code fsync}), or completes exceptionally with an {@link IOException} naming the
   * file and the cause if it could not be written. Never blocks on I/O.
   *
   * @param line one JSON object, without a line break
   * @throws IllegalArgumentException if the line is blank, is not a single {@code {...}} object or
   *     contains {@code '\n'} or {@code '\r'}
   * @throws IllegalStateException if the journal is closed
   */
  public CompletableFuture<Void> append(String line) {
    return enqueue(JournalLine.encode(line));
  }

  /**
   * {@link #append(String)} for a line already encoded as UTF-8, which saves a copy; the same
   * checks, on the bytes. The array is kept until written: do not change it.
   *
   * @param line one JSON object, without a line break, as UTF-8
   * @throws IllegalArgumentException if the line is blank, is not a single {@code {...}} object or
   *     contains {@code '\n'} or {@code '\r'}
   * @throws IllegalStateException if the journal is closed
   */
  public CompletableFuture<Void> append(byte[] line) {
    return enqueue(JournalLine.check(line));
  }

  /**
   * {@link #append(byte[])}, written by the calling thread itself when no other thread is writing:
   * then this returns only once the batch holding {@code line} is written (and forced with
   * {@code fsync}), and the returned future is already complete. When another thread is writing,
   * the line joins that writer's next batch and this returns at once. Either way no thread waits
   * for another: this is for callers that may do I/O, such as a Jetty request thread, and saves
   * waking the writer thread for every line.
   *
   * @param line one JSON object, without a line break, as UTF-8; kept until written, do not change it
   * @param whenWritten runs once the line is written, before the future completes, on the writing
   *     thread and in the order of the lines in the file (so what it publishes keeps that order);
   *     not run if the write fails. Keep it short; an exception it throws is logged and does not
   *     fail the write.
   * @throws IllegalArgumentException if the line is blank, is not a single {@code {...}} object or
   *     contains {@code '\n'} or {@code '\r'}
   * @throws IllegalStateException if the journal is closed
   */
  public CompletableFuture<Void> appendAndWrite(byte[] line, Runnable whenWritten) {
    Pending pending = Pending.ofBytes(JournalLine.check(line), Objects.requireNonNull(whenWritten, "whenWritten"));
    return appendAndWrite(() -> pending);
  }

  /**
   * {@link #appendAndWrite(byte[], Runnable)} for callers that number their lines: {@code next}
   * runs under the journal's lock, so the items it makes are queued, written and handed to
   * {@code whenWritten} in the order of its calls. A receiver gives each event its id there, so
   * ids follow the order of the file. {@code line} makes the item's line later, on the writing
   * thread and outside the lock; if it throws, or makes a line that {@link #append(byte[])} would
   * refuse, only that item's future fails (with an {@link IOException} saying why) and the lines
   * around it are written.
   *
   * @param next makes the next item; runs under the lock: keep it short and free of I/O
   * @param line the item's line: one JSON object, without a line break, as UTF-8
   * @param whenWritten as in {@link #appendAndWrite(byte[], Runnable)}, given the item
   * @return completes with the item once its line is written (and forced with {@code fsync})
   * @throws IllegalStateException if the journal is closed ({@code next} is not called)
   */
  public <T> CompletableFuture<T> appendAndWrite(Supplier<T> next, Function<? super T, byte[]> line,
      Consumer<? super T> whenWritten) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(whenWritten, "whenWritten");
    return appendAndWrite(() -> new Pending(next.get(), line, whenWritten));
  }

  /** Queues what {@code make} returns, under the lock, then writes as the caller when the role is free. */
  private <T> CompletableFuture<T> appendAndWrite(Supplier<Pending> make) {
    Pending pending;
    ArrayList<Pending> batch;
    lock.lock();
    try {
      if (closed) {
        throw closedError();
      }
      pending = make.get();
      if (!queue(pending) || writing) {
        return pending.future(); // failed already, or the writer holding the role takes it next
      }
      batch = takeRole();
    } finally {
      lock.unlock();
    }
    for (int written = 1; ; written++) {
      writeAll(batch);
      lock.lock();
      try {
        giveBack(batch);
        if (queue.isEmpty() || written == batchesPerCaller) {
          writing = false;
          writingThread = null;
          if (!queue.isEmpty() || closed) {
            wake.signal(); // the writer thread takes what is left, or finishes closing
          }
          return pending.future();
        }
        batch = takeRole();
      } finally {
        lock.unlock();
      }
    }
  }

  private CompletableFuture<Void> enqueue(byte[] bytes) {
    Pending pending = Pending.ofBytes(bytes, null);
    lock.lock();
    try {
      if (queue(pending) && !writing && queue.size() == 1) {
        wake.signal(); // the writer only sleeps on an empty queue or while another thread writes
      }
    } finally {
      lock.unlock();
    }
    return pending.future();
  }

  /** Under the lock: queues {@code pending}, or fails it if the journal stopped; false if failed. */
  private boolean queue(Pending pending) {
    if (closed) {
      throw closedError();
    }
    if (stopped != null) {
      pending.written.completeExceptionally(stopped);
      return false;
    }
    queue.add(pending);
    return true;
  }

  private IllegalStateException closedError() {
    return new IllegalStateException(
        "Journal " + file + " is closed; this event was not recorded. Open it again with"
            + " EventJournal.open to append.");
  }

  /** Under the lock: the calling thread becomes the writer and takes the queue as its batch. */
  private ArrayList<Pending> takeRole() {
    writing = true;
    writingThread = Thread.currentThread();
    ArrayList<Pending> batch = queue;
    queue = spare;
    spare = null;
    return batch;
  }

  /** Under the lock: keeps a written batch's list for reuse as the next queue. */
  private void giveBack(ArrayList<Pending> batch) {
    batch.clear();
    spare = batch;
  }

  /** The journal file, as an absolute path. */
  public Path file() {
    return file;
  }

  /** Whether each batch is forced to disk before its futures complete. */
  public boolean fsync() {
    return fsync;
  }

  /**
   * Why the journal stopped taking lines after a write error it could not undo, or null while it
   * writes. Every append fails with this reason until the journal is reopened.
   */
  public String stoppedBecause() {
    IOException reason = stopped();
    return reason == null ? null : reason.getMessage();
  }

  /** Lines, batches and bytes written since open (not counting what was read back). */
  public Stats stats() {
    return stats;
  }

  /**
   * Writes every line already queued, completes all their futures, stops the writer thread and
   * closes the file. Later appends throw {@link IllegalStateException}. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    boolean writingHere;
    lock.lock();
    try {
      closed = true;
      wake.signal();
      writingHere = writingThread == Thread.currentThread();
    } finally {
      lock.unlock();
    }
    if (Thread.currentThread() == writer || writingHere) {
      return; // called from a future's callback: the writer thread drains and closes after this batch
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true; // finish closing: pending appends must still complete
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    Stats s = stats;
    return "EventJournal[" + file + ", " + s.linesWritten() + " lines in " + s.batchesWritten() + " batches]";
  }

  private void run() {
    try {
      while (true) {
        ArrayList<Pending> batch;
        lock.lock();
        try {
          while (!closed && (queue.isEmpty() || writing)) {
            awaitWakeOrCheckFile();
          }
          while (writing) {
            wake.awaitUninterruptibly(); // closing: let the caller writing now finish its batch
          }
          if (queue.isEmpty()) {
            return; // closed and drained
          }
          batch = takeRole();
        } finally {
          lock.unlock();
        }
        writeAll(batch);
        lock.lock();
        try {
          giveBack(batch);
          writing = false;
          writingThread = null;
        } finally {
          lock.unlock();
        }
      }
    } finally {
      closeQuietly(channel, null);
    }
  }

  /**
   * Under the lock: waits to be woken; after a quiet second, checks the file is still the one
   * being written (one stat a second), holding the writer role meanwhile.
   */
  private void awaitWakeOrCheckFile() {
    try {
      if (wake.awaitNanos(FILE_CHECK_NANOS) > 0 || writing || !queue.isEmpty() || closed) {
        return;
      }
    } catch (InterruptedException e) {
      return; // nobody interrupts the writer on purpose; keep serving
    }
    checkFileHoldingRole();
  }

  /** Under the lock and with no writer: takes the role, checks the file without the lock, gives the role back. */
  private void checkFileHoldingRole() {
    ArrayList<Pending> none = takeRole();
    lock.unlock();
    try {
      checkFile();
    } finally {
      lock.lock();
      giveBack(none);
      writing = false;
      writingThread = null;
      if (!queue.isEmpty() || closed) {
        wake.signal(); // lines queued meanwhile wait for the writer thread
      }
    }
  }

  /**
   * Checks, with the writer role held, that the path still names the file being written. A
   * journal deleted while the receiver runs (say by a user who wanted a fresh one) would take
   * every event from then on with it at the next restart: it is recreated at once with everything
   * the old file held, so no recorded event is lost. A file moved in its place is not touched; the
   * journal stops (503s) rather than write into one file while the other holds the history.
   */
  private void checkFile() {
    if (stopped() != null) {
      return;
    }
    Object now;
    try {
      now = JournalFile.fileKey(file);
    } catch (NoSuchFileException gone) {
      recreate();
      return;
    } catch (IOException unknown) {
      return; // can't tell now; look again in a second
    }
    if (fileKey != null && now != null && !fileKey.equals(now)) {
      stop(new IOException("Journal " + file + " was replaced by another file while the receiver ran; the"
          + " events recorded so far are in the file it replaced (now unreachable) and in memory, so no more"
          + " are taken. Restart the receiver to go on with the file now at that path."));
    }
  }

  private void recreate() {
    FileChannel old = channel;
    FileChannel fresh = null;
    try {
      fresh = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      JournalFile.lockOrExplain(file, fresh);
      long position = 0;
      while (position < size) {
        position += old.transferTo(position, size - position, fresh);
      }
      if (fsync) {
        fresh.force(true);
      }
      channel = fresh;
      fileKey = JournalFile.fileKey(file);
      closeQuietly(old, null);
      LOG.warn("Journal {} was deleted while the receiver ran. It is recreated with everything it held ({}"
          + " bytes), so no recorded event is lost. To start with an empty journal, stop the receiver"
          + " first, then delete the file.", file, size);
    } catch (IOException e) {
      if (fresh != null) {
        closeQuietly(fresh, e);
      }
      stop(new IOException("Journal " + file + " was deleted while the receiver ran and could not be recreated ("
          + describe(e) + "); the events recorded so far are only in memory, so no more are taken."
          + " Restart the receiver.", e));
    }
  }

  /**
   * Runs the once-a-second file check now, as the writer thread would when idle; false if a
   * writer was busy (then it did not run). For tests.
   */
  boolean checkFileNow() {
    lock.lock();
    try {
      if (writing) {
        return false;
      }
      checkFileHoldingRole();
      return true;
    } finally {
      lock.unlock();
    }
  }


  /** Writes {@code batch} in as few writes as {@link #MAX_BATCH_BYTES} allows. */
  private void writeAll(ArrayList<Pending> batch) {
    makeLines(batch);
    int i = 0;
    while (i < batch.size()) {
      int from = i;
      long bytes = 0;
      while (i < batch.size() && (i == from || bytes + batch.get(i).bytes.length + 1 <= MAX_BATCH_BYTES)) {
        bytes += batch.get(i).bytes.length + 1;
        i++;
      }
      List<Pending> chunk = batch.subList(from, i);
      try {
        writeBatch(chunk, (int) Math.min(bytes, Integer.MAX_VALUE));
      } catch (Throwable t) {
        // the writer must outlive anything, or every later future would hang
        stop(new IOException("Journal " + file + " stopped after an unexpected error: " + describe(t), t));
        fail(chunk, stopped());
      }
    }
  }

  /**
   * Makes the line of every item queued with {@link #appendAndWrite(Supplier, Function, Consumer)};
   * an item whose line can't be made fails alone and leaves the batch.
   */
  private void makeLines(ArrayList<Pending> batch) {
    boolean failed = false;
    for (Pending p : batch) {
      if (p.bytes == null) {
        try {
          p.bytes = JournalLine.check(p.line.apply(p.item));
        } catch (RuntimeException e) {
          failed = true;
          p.written.completeExceptionally(new IOException("Could not make the journal line of " + p.item
              + ", so it was not recorded: " + describe(e), e));
        }
      }
    }
    if (failed) {
      batch.removeIf(p -> p.bytes == null);
    }
  }

  private void writeBatch(List<Pending> chunk, int bytes) throws IOException {
    IOException alreadyStopped = stopped();
    if (alreadyStopped != null) {
      fail(chunk, alreadyStopped);
      return;
    }
    ByteBuffer buf = bufferFor(bytes);
    for (Pending p : chunk) {
      buf.put(p.bytes).put((byte) '\n');
    }
    buf.flip();
    long position = size;
    boolean forcing = false;
    try {
      beforeWrite.run();
      while (buf.hasRemaining()) {
        position += channel.write(buf, position);
      }
      if (fsync) {
        forcing = true;
        channel.force(false);
      }
    } catch (IOException e) {
      IOException failure =
          new IOException(
              "Could not write " + chunk.size() + (chunk.size() == 1 ? " event" : " events")
                  + " to journal " + file + ": " + describe(e) + "; "
                  + (chunk.size() == 1 ? "it was" : "they were")
                  + " not recorded. Check free space and permissions on " + file.getParent() + ".",
              e);
      // after a failed fsync the page cache can't be trusted; otherwise undo the partial write
      if (forcing || !rollBackTo(size, e)) {
        stop(new IOException("Journal " + file + " stopped after a write error, so no later event"
            + " was recorded: " + describe(e) + ". Fix the cause, then reopen the journal.", e));
      } else {
        LOG.warn("{} The journal undid the partial write and keeps accepting events.", failure.getMessage());
      }
      fail(chunk, failure);
      return;
    }
    size = position;
    Stats s = stats;
    stats = new Stats(s.linesWritten() + chunk.size(), s.batchesWritten() + 1, s.bytesWritten() + bytes);
    for (Pending p : chunk) {
      if (p.whenWritten != null) {
        try {
          p.whenWritten.accept(p.item);
        } catch (RuntimeException e) {
          LOG.error("A journal line's whenWritten action failed; the line is written", e);
        }
      }
      p.written.complete(p.line == null ? null : p.item); // a plain line's future is a CompletableFuture<Void>
    }
  }

  private boolean rollBackTo(long length, IOException cause) {
    try {
      channel.truncate(length);
      return true;
    } catch (IOException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  private ByteBuffer bufferFor(int bytes) {
    if (buffer.capacity() < bytes) {
      buffer = ByteBuffer.allocateDirect(Math.max(bytes, Math.min(buffer.capacity() * 2, MAX_BATCH_BYTES)));
    }
    return buffer.clear();
  }

  private void stop(IOException reason) {
    lock.lock();
    try {
      if (stopped == null) {
        stopped = reason;
        LOG.error(reason.getMessage(), reason.getCause());
      }
    } finally {
      lock.unlock();
    }
  }

  private IOException stopped() {
    lock.lock();
    try {
      return stopped;
    } finally {
      lock.unlock();
    }
  }

  private static void fail(List<Pending> chunk, IOException error) {
    for (Pending p : chunk) {
      p.written.completeExceptionally(error);
    }
  }

  private static String describe(Throwable t) {
    String type = t.getClass().getSimpleName();
    return t.getMessage() == null ? type : t.getMessage() + " (" + type + ")";
  }

  private static void closeQuietly(FileChannel channel, Exception primary) {
    try {
      channel.close(); // also releases the file lock
    } catch (IOException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      } else {
        LOG.warn("Could not close journal file cleanly: {}", describe(e));
      }
    }
  }

  /** The channel, so tests can break it under the writer. */
  FileChannel channel() {
    return channel;
  }
}
