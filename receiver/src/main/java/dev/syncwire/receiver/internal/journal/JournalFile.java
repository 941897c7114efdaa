package dev.syncwire.receiver.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal file: opened and recovered (one journal per file, a file that is not a journal
 * refused untouched, a torn tail kept aside before it is cut), and watched (its identity, to
 * notice it deleted, then recreated, or replaced while open). The {@link GroupCommitWriter}
 * writes lines into it; only the thread holding the writer role touches its channel and size.
 */
final class JournalFile {
  // the journal's logger, so log lines read as they did before the file was its own class
  private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

  private final Path path;
  final boolean fsync;
  /** What the file held when it was opened. */
  private final ReadBack readBack;
  /** Swapped only by the thread holding the writer role, when the file was deleted under us. */
  volatile FileChannel channel;
  // only the thread holding the writer role
  long size;
  /** The file's identity (device and inode) as opened, to notice it being deleted or replaced. */
  private Object fileKey;

  private JournalFile(Path path, boolean fsync, FileChannel channel, Object fileKey, ReadBack readBack, long size) {
    this.path = path;
    this.fsync = fsync;
    this.channel = channel;
    this.fileKey = fileKey;
    this.readBack = readBack;
    this.size = size;
  }

  /**
   * Opens {@code file}, creating it and its parent directories if missing, locks it and recovers
   * it: reads it back through {@link ReadBack} (handing each line to {@code eachLine}, or keeping
   * them when that is null), keeps a torn tail aside and cuts it, ends an unterminated last line.
   */
  static JournalFile open(Path file, boolean fsync, Consumer<String> eachLine) throws IOException {
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
      lockOrExplain(path, channel);
      ReadBack readBack = ReadBack.scan(path, channel, eachLine);
      refuseIfNotAJournal(path, channel, readBack);
      long size = readBack.keepBytes();
      if (size < channel.size()) {
        Path kept = keepTornTail(path, channel, size);
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
      return new JournalFile(path, fsync, channel, fileKey(path), readBack, size);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /** The journal file, as an absolute path. */
  Path path() {
    return path;
  }

  ReadBack readBack() {
    return readBack;
  }

  /**
   * A journal holds JSON objects, one per line, so it starts with '{'. A file that holds no such
   * line and starts with anything else is some other file passed by mistake: opening it would cut
   * its last line and append to it, so it is refused untouched.
   */
  static void refuseIfNotAJournal(Path path, FileChannel channel, ReadBack readBack) throws IOException {
    if (readBack.linesKept() > 0 || channel.size() == 0) {
      return;
    }
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(head, 0);
    String text = new String(head.array(), 0, head.position(), StandardCharsets.UTF_8).strip();
    if (text.isEmpty() || text.charAt(0) == '{') {
      return; // blank, or a journal whose only line was torn by a crash
    }
    String firstLine = text.lines().findFirst().orElse("");
    throw new IOException("Journal " + path + " does not look like a syncwire journal: it holds no line of JSON"
        + " and starts with \"" + JournalLine.abbreviate(firstLine) + "\". Nothing in it was changed. Pass a new file"
        + " (it is created) or a journal a receiver wrote.");
  }

  /** Appends the bytes from {@code from} to the end of the journal to a sibling {@code NAME.torn}; returns it. */
  static Path keepTornTail(Path path, FileChannel channel, long from) throws IOException {
    Path torn = path.resolveSibling(path.getFileName() + ".torn");
    try (FileChannel out = FileChannel.open(torn, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      long position = from;
      long end = channel.size();
      while (position < end) {
        position += channel.transferTo(position, end - position, out);
      }
      out.write(ByteBuffer.wrap(new byte[] {'\n'}));
      out.force(true);
    }
    return torn;
  }

  static void lockOrExplain(Path path, FileChannel channel) throws IOException {
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      // two writers would interleave their lines and each truncate the other's "torn" tail
      throw new IOException(
          "Journal " + path + " is already open by another EventJournal (in this or another"
              + " process); close that one first or give this receiver its own journal file");
    }
  }

  static Object fileKey(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  /**
   * Checks, with the writer role held, that the path still names the file being written. A
   * journal deleted while the receiver runs (say by a user who wanted a fresh one) would take
   * every event from then on with it at the next restart: it is recreated at once with everything
   * the old file held, so no recorded event is lost. A file moved in its place is not touched; the
   * journal stops (503s) rather than write into one file while the other holds the history.
   */
  IOException check() {
    Object now;
    try {
      now = fileKey(path);
    } catch (NoSuchFileException gone) {
      return recreate();
    } catch (IOException unknown) {
      return null; // can't tell now; look again in a second
    }
    if (fileKey != null && now != null && !fileKey.equals(now)) {
      return new IOException("Journal " + path + " was replaced by another file while the receiver ran; the"
          + " events recorded so far are in the file it replaced (now unreachable) and in memory, so no more"
          + " are taken. Restart the receiver to go on with the file now at that path.");
    }
    return null;
  }

  /** The deleted file recreated with everything it held; null if it was, else why the journal must stop. */
  private IOException recreate() {
    FileChannel old = channel;
    FileChannel fresh = null;
    try {
      fresh = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      lockOrExplain(path, fresh);
      long position = 0;
      while (position < size) {
        position += old.transferTo(position, size - position, fresh);
      }
      if (fsync) {
        fresh.force(true);
      }
      channel = fresh;
      fileKey = fileKey(path);
      closeQuietly(old, null);
      LOG.warn("Journal {} was deleted while the receiver ran. It is recreated with everything it held ({}"
          + " bytes), so no recorded event is lost. To start with an empty journal, stop the receiver"
          + " first, then delete the file.", path, size);
      return null;
    } catch (IOException e) {
      if (fresh != null) {
        closeQuietly(fresh, e);
      }
      return new IOException("Journal " + path + " was deleted while the receiver ran and could not be recreated ("
          + describe(e) + "); the events recorded so far are only in memory, so no more are taken."
          + " Restart the receiver.", e);
    }
  }

  /** Undoes a partial write; false if even that failed. */
  boolean rollBackTo(long length, IOException cause) {
    try {
      channel.truncate(length);
      return true;
    } catch (IOException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  /** Closes the file, which also releases its lock. */
  void close() {
    closeQuietly(channel, null);
  }

  @Override
  public String toString() {
    return path.toString();
  }

  static String describe(Throwable t) {
    String type = t.getClass().getSimpleName();
    return t.getMessage() == null ? type : t.getMessage() + " (" + type + ")";
  }

  static void closeQuietly(FileChannel channel, Exception primary) {
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
}
