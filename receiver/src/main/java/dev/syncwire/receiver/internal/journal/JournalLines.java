package dev.syncwire.receiver.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.ObjLongConsumer;

/**
 * The journal's one read path: a file read front to back in 64 KB chunks with positional reads,
 * one line at a time, so memory is bounded by the longest line, not the file. {@link EventJournal#open}
 * recovers through it (and hands each line to the receiver's restore); {@link #read} serves
 * readers that only look, such as {@code syncwire replay}.
 */
public final class JournalLines {
  private static final int CHUNK = 64 * 1024;

  private JournalLines() {}

  /** Gets each line ended by {@code '\n'}, without it, in {@code line}; {@code nextLineStart} is the offset after it. */
  interface Sink {
    void completeLine(long nextLineStart);
  }

  /**
   * Reads {@code channel} from byte 0 to its end (its position is untouched), handing {@code sink}
   * each line ended by {@code '\n'}; what follows the last one is left in {@code line}.
   *
   * @return the number of bytes read
   */
  static long scan(FileChannel channel, Bytes line, Sink sink) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    long position = 0;
    int n;
    while ((n = channel.read(chunk.clear(), position)) > 0) {
      byte[] bytes = chunk.array();
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          line.append(bytes, start, i - start);
          sink.completeLine(position + i + 1);
          start = i + 1;
        }
      }
      line.append(bytes, start, n - start);
      position += n;
    }
    return position;
  }

  /**
   * Hands {@code eachLine} every line of {@code file} that is not blank, with its line number
   * (from 1), in file order, and then an unfinished last line (one a crash cut short) if there is
   * one. Opens the file for reading only: nothing is locked, cut or repaired, so a receiver may be
   * writing it meanwhile (lines written after the read passed them are not seen).
   *
   * @param eachLine gets the line without its line break ({@code "\r\n"} endings read too)
   */
  public static void read(Path file, ObjLongConsumer<String> eachLine) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Bytes line = new Bytes();
      long[] lineNumber = {0};
      scan(channel, line, next -> {
        lineNumber[0]++;
        emit(line, lineNumber[0], eachLine);
        line.len = 0;
      });
      if (line.len > 0) {
        emit(line, lineNumber[0] + 1, eachLine);
      }
    }
  }

  private static void emit(Bytes line, long lineNumber, ObjLongConsumer<String> eachLine) {
    int len = line.len;
    if (len > 0 && line.buf[len - 1] == '\r') {
      len--;
    }
    String text = new String(line.buf, 0, len, StandardCharsets.UTF_8);
    if (!text.isBlank()) {
      eachLine.accept(text, lineNumber);
    }
  }

  /** A growable byte array; one line at a time. */
  static final class Bytes {
    byte[] buf = new byte[256];
    int len;

    void append(byte[] src, int off, int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
      System.arraycopy(src, off, buf, len, n);
      len += n;
    }
  }
}
