package dev.syncwire.receiver.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * The journal's group-commit writer: whoever writes takes every line queued meanwhile and writes
 * them with one {@code write}, then {@code force}s the file if {@code fsync} is on, then completes
 * their futures. One thread at a time holds that writer role. With {@link #enqueue} it is this
 * writer's own thread, and the caller never waits. With {@link #appendAndWrite} the calling thread
 * takes the role itself when it is free, the usual case on a receiver's request thread, so no
 * other thread has to be woken; when another thread is writing already, the line joins that
 * writer's next batch and the call returns at once. No thread ever waits for the role: the one
 * lock is held only to add, swap or flag, never across I/O. When idle, the writer thread checks
 * once a second, holding the role, that the file is still there ({@link JournalFile#check}).
 *
 * <p>A future that completes normally means the line is in the file (and on disk with
 * {@code fsync}); an exceptional one means it is not, so the event must not be acknowledged.
 * Dependent stages attached without an executor run on the writing thread: keep them short
 * (completing a Jetty {@code Callback} is fine).
 */
final class GroupCommitWriter {
  // the journal's logger, so log lines read as they did before the writer was its own class
  private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
  /** The most bytes one write carries; a larger backlog goes out in several batches. */
  static final int MAX_BATCH_BYTES = 1 << 20;
  /** How long the writer thread waits, idle, before it checks the file is still there. */
  static final long FILE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Its channel, size and identity are touched only by the thread holding the writer role. */
  private final JournalFile file;
  private final Thread thread;

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
  private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

  private volatile EventJournal.Stats stats = new EventJournal.Stats(0, 0, 0);
  /**
   * Runs on the writing thread (the writer thread, or a caller of appendAndWrite) just before each
   * batch is written; tests pause or fail it here.
   */
  volatile EventJournal.WriteHook beforeWrite = () -> {};

  /**
   * One queued line: {@code item} is what the caller appended, {@code line} turns it into the
   * line's bytes on the writing thread, {@code whenWritten} runs once it is written. {@code bytes}
   * is set by the writer; it stays null for an item whose line could not be made.
   */
  static final class Pending {
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


  GroupCommitWriter(JournalFile file) {
    this.file = file;
    this.batchesPerCaller = file.fsync ? 1 : 4;
    this.thread = new Thread(this::run, "syncwire-journal " + file.path().getFileName());
    // daemon: a forgotten journal must not keep the JVM alive; unwritten lines were never acknowledged
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues what {@code make} returns, under the lock, then writes as the caller when the role is free. */
  <T> CompletableFuture<T> appendAndWrite(Supplier<Pending> make) {
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

  /** Queues a line for the writer thread; never writes on the calling thread. */
  CompletableFuture<Void> enqueue(byte[] bytes) {
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

  /** Why the writer stopped after a write error it could not undo, or null while it writes. */
  String stoppedBecause() {
    IOException reason = stopped();
    return reason == null ? null : reason.getMessage();
  }

  EventJournal.Stats stats() {
    return stats;
  }

  /** See {@link EventJournal#close}. */
  void close() {
    boolean writingHere;
    lock.lock();
    try {
      closed = true;
      wake.signal();
      writingHere = writingThread == Thread.currentThread();
    } finally {
      lock.unlock();
    }
    if (Thread.currentThread() == thread || writingHere) {
      return; // called from a future's callback: the writer thread drains and closes after this batch
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // finish closing: pending appends must still complete
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
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
      file.close();
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

  /** Checks, with the writer role held, that the path still names the file being written; see {@link JournalFile#check}. */
  private void checkFile() {
    if (stopped() != null) {
      return;
    }
    IOException reason = file.check();
    if (reason != null) {
      stop(reason);
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
        stop(new IOException("Journal " + file + " stopped after an unexpected error: " + JournalFile.describe(t), t));
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
              + ", so it was not recorded: " + JournalFile.describe(e), e));
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
    long position = file.size;
    boolean forcing = false;
    try {
      beforeWrite.run();
      while (buf.hasRemaining()) {
        position += file.channel.write(buf, position);
      }
      if (file.fsync) {
        forcing = true;
        file.channel.force(false);
      }
    } catch (IOException e) {
      IOException failure =
          new IOException(
              "Could not write " + chunk.size() + (chunk.size() == 1 ? " event" : " events")
                  + " to journal " + file + ": " + JournalFile.describe(e) + "; "
                  + (chunk.size() == 1 ? "it was" : "they were")
                  + " not recorded. Check free space and permissions on " + file.path().getParent() + ".",
              e);
      // after a failed fsync the page cache can't be trusted; otherwise undo the partial write
      if (forcing || !file.rollBackTo(file.size, e)) {
        stop(new IOException("Journal " + file + " stopped after a write error, so no later event"
            + " was recorded: " + JournalFile.describe(e) + ". Fix the cause, then reopen the journal.", e));
      } else {
        LOG.warn("{} The journal undid the partial write and keeps accepting events.", failure.getMessage());
      }
      fail(chunk, failure);
      return;
    }
    file.size = position;
    EventJournal.Stats s = stats;
    stats = new EventJournal.Stats(s.linesWritten() + chunk.size(), s.batchesWritten() + 1, s.bytesWritten() + bytes);
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
}
