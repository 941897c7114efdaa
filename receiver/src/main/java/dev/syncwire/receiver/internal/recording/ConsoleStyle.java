package dev.syncwire.receiver.internal.recording;

/**
 * How console lines look: ANSI colours on a terminal, plain text otherwise. Also makes text that
 * came over the wire safe to print (an escape sequence in a webhook's data must not drive the terminal).
 *
 * <pre>{@code
 * ConsoleStyle style = ConsoleStyle.of(System.console() != null && System.getenv("NO_COLOR") == null);
 * System.out.println(style.green("accepted") + " " + ConsoleStyle.preview("{\"status\":\"online\"}", 60));
 * }</pre>
 */
public final class ConsoleStyle {
  private static final ConsoleStyle PLAIN = new ConsoleStyle(false);
  private static final ConsoleStyle ANSI = new ConsoleStyle(true);

  private final boolean color;

  private ConsoleStyle(boolean color) {
    this.color = color;
  }

  /** Coloured when {@code color}, plain otherwise. */
  public static ConsoleStyle of(boolean color) {
    return color ? ANSI : PLAIN;
  }

  public boolean colored() {
    return color;
  }

  public String green(String s) {
    return paint("32", s);
  }

  public String red(String s) {
    return paint("31", s);
  }

  public String yellow(String s) {
    return paint("33", s);
  }

  public String cyan(String s) {
    return paint("36", s);
  }

  public String dim(String s) {
    return paint("2", s);
  }

  public String bold(String s) {
    return paint("1", s);
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  /**
   * {@code text} on one line of at most {@code max} characters: runs of white space become one
   * space, control characters (ESC included) become {@code ?}, and a cut is marked with {@code ...}.
   */
  public static String preview(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && sb.length() <= max; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
        continue;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      sb.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c);
    }
    if (sb.length() > max) {
      sb.setLength(max - 3);
      if (Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
        sb.setLength(sb.length() - 1);
      }
      sb.append("...");
    }
    return sb.toString();
  }

  /** {@code text} with control characters shown as {@code ?}, whatever its length: names, keys and URLs from the wire. */
  public static String printable(String text) {
    return preview(text, Integer.MAX_VALUE - 8);
  }
}
