package dev.syncwire.receiver.internal.journal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The journal's line format: one JSON object per line, UTF-8, no line break inside. Every line is
 * checked before it is queued (or, for a line made on the writing thread, before it is written):
 * a line read back would skip is an acknowledged event silently lost.
 */
final class JournalLine {
  private JournalLine() {}

  static byte[] encode(String line) {
    Objects.requireNonNull(line, "line");
    int nl = line.indexOf('\n');
    int cr = line.indexOf('\r');
    if (nl >= 0 || cr >= 0) {
      throw new IllegalArgumentException(
          "A journal line must be one line of JSON but this one has a line break at index "
              + (nl >= 0 ? nl : cr) + "; serialize without pretty-printing (Jackson escapes"
              + " newlines inside strings).");
    }
    int first = 0;
    while (first < line.length() && Character.isWhitespace(line.charAt(first))) {
      first++;
    }
    int last = line.length() - 1;
    while (last >= first && Character.isWhitespace(line.charAt(last))) {
      last--;
    }
    if (first > last || line.charAt(first) != '{' || line.charAt(last) != '}') {
      // read back would skip it, silently losing an acknowledged event
      throw new IllegalArgumentException(
          "A journal line must be one JSON object {...} but got "
              + (first > last ? "a blank line" : "\"" + abbreviate(line) + "\"")
              + "; serialize the event with Jackson's writeValueAsString.");
    }
    return line.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] check(byte[] line) {
    Objects.requireNonNull(line, "line");
    int lineBreak = LineBreaks.indexOf(line);
    if (lineBreak >= 0) {
      throw new IllegalArgumentException(
          "A journal line must be one line of JSON but this one has a line break at byte " + lineBreak
              + "; serialize without pretty-printing (Jackson escapes newlines inside strings).");
    }
    int first = 0;
    while (first < line.length && asciiWhitespace(line[first])) {
      first++;
    }
    int last = line.length - 1;
    while (last >= first && asciiWhitespace(line[last])) {
      last--;
    }
    if (first > last || line[first] != '{' || line[last] != '}') {
      String text = new String(line, StandardCharsets.UTF_8);
      throw new IllegalArgumentException(
          "A journal line must be one JSON object {...} but got "
              + (first > last ? "a blank line" : "\"" + abbreviate(text.strip()) + "\"")
              + "; serialize the event with Jackson's writeValueAsString.");
    }
    return line;
  }

  /** {@link Character#isWhitespace} for a byte of UTF-8 (only ASCII bytes can be whitespace on their own). */
  private static boolean asciiWhitespace(byte b) {
    return b >= 0 && Character.isWhitespace((char) b);
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
