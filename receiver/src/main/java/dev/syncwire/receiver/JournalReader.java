package dev.syncwire.receiver;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.internal.forward.ForwardLine;
import dev.syncwire.receiver.internal.journal.JournalLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a receiver's journal ({@code syncwire receive --journal}, {@link ReceiverConfig.Builder#journal})
 * one event at a time, in file order, in memory bounded by the longest line: a journal of millions
 * of events is never loaded whole. The file is only read (never locked or repaired), so a running
 * receiver may hold it. It is the same line reader a receiver restores from on restart.
 *
 * <pre>{@code
 * long read = JournalReader.forEach(Path.of("events.jsonl"),
 *     event -> System.out.println(event),
 *     (lineNumber, problem) -> System.err.println("skipped line " + lineNumber + ": " + problem));
 * }</pre>
 */
public final class JournalReader {
  private JournalReader() {}

  /** Told about a line that is not a recorded event (a line a crash cut short, say); the read goes on. */
  @FunctionalInterface
  public interface SkippedLine {
    /**
     * @param lineNumber the line's number in the file, from 1
     * @param problem why it was skipped, as a sentence fragment ({@code not a recorded event: ...})
     */
    void skipped(long lineNumber, String problem);
  }

  /**
   * Hands {@code each} every recorded event in {@code journal}, in file order; blank lines and
   * the lines of forward attempts are passed over, and unreadable ones go to {@code skipped}.
   *
   * @return how many events were handed to {@code each}
   * @throws java.nio.file.NoSuchFileException if there is no file at {@code journal}
   * @throws IOException if it cannot be read
   */
  public static long forEach(Path journal, Consumer<SyncEvent> each, SkippedLine skipped) throws IOException {
    long[] read = {0};
    JournalLines.read(journal, (line, lineNumber) -> {
      if (ForwardLine.is(line)) {
        return; // a forward attempt of an event before it, not an event
      }
      SyncEvent event;
      try {
        event = SyncEventJson.read(line);
      } catch (RuntimeException e) {
        skipped.skipped(lineNumber, e.getMessage());
        return;
      }
      read[0]++;
      each.accept(event);
    });
    return read[0];
  }
}
