package dev.syncwire.receiver.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The journal file's own rules, apart from writing lines: one journal per file (a lock), a file
 * that is not a journal refused untouched, a torn tail kept aside before it is cut, and the file's
 * identity, to notice it deleted or replaced while open.
 */
final class JournalFile {
  private JournalFile() {}

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
}
