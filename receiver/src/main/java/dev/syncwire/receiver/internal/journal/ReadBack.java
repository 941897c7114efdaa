package dev.syncwire.receiver.internal.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a journal file holds when it is opened: its complete JSON-object lines, a warning per
 * line it skipped, and how many leading bytes to keep so the next append starts on a fresh line.
 *
 * @param lines the complete lines, in file order, without their '\n'; empty when they went to a
 *     caller's consumer instead
 * @param linesKept how many complete lines the file holds
 * @param warnings one readable sentence per skipped or repaired line, naming its line number
 * @param keepBytes the file length to truncate to (drops an unfinished last line)
 * @param terminateLastLine the last line is a whole JSON object missing its '\n': append one
 */
record ReadBack(List<String> lines, long linesKept, List<String> warnings, long keepBytes,
    boolean terminateLastLine) {
  /**
   * No limit on depth or length: a line is skipped for what it is, never for its size (the
   * streaming parser skips nested values without recursing, so depth costs no stack).
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .build())
      .build();
  private static final int PREVIEW_CHARS = 60;

  /** The same, with one more warning. */
  ReadBack withWarning(String warning) {
    List<String> more = new ArrayList<>(warnings);
    more.add(warning);
    return new ReadBack(lines, linesKept, List.copyOf(more), keepBytes, terminateLastLine);
  }

  /**
   * Reads {@code channel} from byte 0 to its end with positional reads (its position is untouched).
   * Each complete line goes to {@code eachLine} as it is read, or, when that is null, into
   * {@link #lines()}.
   */
  static ReadBack scan(Path file, FileChannel channel, Consumer<String> eachLine) throws IOException {
    Scanner s = new Scanner(file, eachLine);
    return s.finish(JournalLines.scan(channel, s.line, s::completeLine));
  }

  /** Accumulates lines across chunks; one per scan. */
  private static final class Scanner {
    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> eachLine;
    private long kept;
    private final List<String> warnings = new ArrayList<>();
    private final JournalLines.Bytes line = new JournalLines.Bytes();
    private final CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int lineNumber;
    private long lineStart;

    Scanner(Path file, Consumer<String> eachLine) {
      this.file = file;
      this.eachLine = eachLine == null ? lines::add : eachLine;
    }

    private void keep(int len) {
      kept++;
      eachLine.accept(decoded(len));
    }

    private ReadBack readBack(long keepBytes, boolean terminateLastLine) {
      return new ReadBack(Collections.unmodifiableList(lines), kept, List.copyOf(warnings), keepBytes,
          terminateLastLine);
    }

    void completeLine(long nextLineStart) {
      lineNumber++;
      int len = line.len;
      if (len > 0 && line.buf[len - 1] == '\r') {
        len--; // a hand-edited file with CRLF endings still reads back
      }
      if (!isBlank(line.buf, len)) {
        String problem = problemWith(line.buf, len);
        if (problem == null) {
          keep(len);
        } else {
          warnings.add(
              String.format(
                  "%s line %d: skipped, %s; it starts with %s. Fix or delete that line; the lines"
                      + " around it were read.",
                  file, lineNumber, problem, preview(len)));
        }
      }
      line.len = 0;
      lineStart = nextLineStart;
    }

    ReadBack finish(long fileLength) {
      if (line.len == 0) {
        return readBack(fileLength, false);
      }
      lineNumber++;
      int len = line.len;
      if (isBlank(line.buf, len)) {
        return readBack(lineStart, false);
      }
      String problem = problemWith(line.buf, len);
      if (problem == null) {
        // The whole object made it, only the '\n' is missing (or the file was edited by hand).
        keep(len);
        warnings.add(
            String.format(
                "%s line %d: the last line had no trailing newline; kept it and added one.",
                file, lineNumber));
        return readBack(fileLength, true);
      }
      warnings.add(
          String.format(
              "%s line %d: removed an unfinished last line of %d bytes left by a crash during a"
                  + " write (%s); it starts with %s. The lines before it were read and new events"
                  + " start on a fresh line.",
              file, lineNumber, len, problem, preview(len)));
      return readBack(lineStart, false);
    }

    private String decoded(int len) {
      return new String(line.buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Null if the bytes are UTF-8 holding exactly one JSON object, else why not. */
    private String problemWith(byte[] buf, int len) {
      try {
        utf8.reset().decode(ByteBuffer.wrap(buf, 0, len));
      } catch (CharacterCodingException e) {
        return "not valid UTF-8";
      }
      try (JsonParser p = JSON.createParser(buf, 0, len)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return "not a JSON object";
        }
        p.skipChildren();
        if (p.nextToken() != null) {
          return "more than one JSON value on the line";
        }
        return null;
      } catch (JsonProcessingException e) {
        return "not a JSON object: " + e.getOriginalMessage().lines().findFirst().orElse("");
      } catch (IOException e) {
        return "not a JSON object: " + e.getMessage();
      }
    }

    private String preview(int len) {
      // new String replaces malformed bytes, so even a non-UTF-8 line gets a readable preview
      String text = new String(line.buf, 0, Math.min(len, PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
      if (text.codePointCount(0, text.length()) > PREVIEW_CHARS) {
        text = text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARS)) + "...";
      }
      return '"' + text + '"';
    }
  }

  private static boolean isBlank(byte[] buf, int len) {
    for (int i = 0; i < len; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
