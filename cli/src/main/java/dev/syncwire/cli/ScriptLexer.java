package dev.syncwire.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits JS/TS (and, when JavaParser cannot read a file, Java) into tokens, skipping comments and
 * keeping string contents as one token, so a code inside a comment or a longer string is never read
 * as a comparison. Template literals keep their {@code ${...}} parts as code.
 */
final class ScriptLexer {
  private static final Set<String> OPERATORS = Set.of("===", "!==", "==", "!=", "=>", "->", "&&", "||", "??", "?.");
  private static final Set<String> BEFORE_REGEX = Set.of("return", "typeof", "case", "in", "of", "new", "delete",
      "void", "throw", "instanceof", "yield", "await");

  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;
  private final List<SourceToken> tokens = new ArrayList<>();
  /** Brace depths at which an open template literal resumes. */
  private final Deque<Integer> templates = new ArrayDeque<>();
  private int braces;

  private ScriptLexer(String src) {
    this.src = src;
  }

  static List<SourceToken> tokens(String src) {
    ScriptLexer lexer = new ScriptLexer(src);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        newline(pos + 1);
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        skipTo(end < 0 ? src.length() : end + 2);
      } else if (src.startsWith("\"\"\"", pos)) {
        int end = src.indexOf("\"\"\"", pos + 3);
        int startLine = line;
        int startCol = pos - lineStart + 1;
        int stop = end < 0 ? src.length() : end + 3;
        String text = src.substring(pos + 3, Math.max(pos + 3, stop - 3));
        skipTo(stop);
        tokens.add(new SourceToken(SourceToken.Kind.STRING, text, startLine, startCol));
      } else if (c == '"' || c == '\'') {
        quoted(c);
      } else if (c == '`') {
        pos++;
        template();
      } else if (c == '}' && !templates.isEmpty() && templates.peek() == braces) {
        templates.pop();
        pos++;
        template();
      } else if (c == '/' && regexAllowed()) {
        regex();
      } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '.')) {
          pos++;
        }
        add(SourceToken.Kind.NUMBER, src.substring(start, pos), start);
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = pos;
        while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
          pos++;
        }
        add(SourceToken.Kind.WORD, src.substring(start, pos), start);
      } else {
        String op = String.valueOf(c);
        for (String candidate : OPERATORS) {
          if (candidate.length() > op.length() && src.startsWith(candidate, pos)) {
            op = candidate;
          }
        }
        if (op.equals("{")) {
          braces++;
        } else if (op.equals("}")) {
          braces--;
        }
        add(SourceToken.Kind.PUNCT, op, pos);
        pos += op.length();
      }
    }
  }

  private void quoted(char quote) {
    int start = pos;
    StringBuilder text = new StringBuilder();
    pos++;
    while (pos < src.length() && src.charAt(pos) != quote && src.charAt(pos) != '\n') {
      if (src.charAt(pos) == '\\' && pos + 1 < src.length()) {
        pos++;
      }
      text.append(src.charAt(pos));
      pos++;
    }
    add(SourceToken.Kind.STRING, text.toString(), start);
    if (pos < src.length() && src.charAt(pos) == quote) {
      pos++; // an unterminated string ends at its line, so one stray quote cannot swallow the file
    }
  }

  /** Skips template text up to its end or its next {@code ${}. */
  private void template() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\\') {
        pos += 2;
      } else if (c == '`') {
        pos++;
        return;
      } else if (c == '$' && pos + 1 < src.length() && src.charAt(pos + 1) == '{') {
        pos += 2;
        templates.push(braces);
        return;
      } else {
        if (c == '\n') {
          newline(pos + 1);
        }
        pos++;
      }
    }
  }

  private void regex() {
    pos++;
    boolean inClass = false;
    while (pos < src.length() && src.charAt(pos) != '\n') {
      char c = src.charAt(pos);
      if (c == '\\') {
        pos++;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        pos++;
        break;
      }
      pos++;
    }
    while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
      pos++;
    }
  }

  private boolean regexAllowed() {
    if (tokens.isEmpty()) {
      return true;
    }
    SourceToken last = tokens.get(tokens.size() - 1);
    return switch (last.kind()) {
      case NUMBER, STRING -> false;
      case WORD -> BEFORE_REGEX.contains(last.text());
      case PUNCT -> !(last.text().equals(")") || last.text().equals("]") || last.text().equals("}"));
    };
  }

  private void skipTo(int end) {
    for (int i = pos; i < end; i++) {
      if (src.charAt(i) == '\n') {
        newline(i + 1);
      }
    }
    pos = end;
  }

  private void newline(int nextLineStart) {
    line++;
    lineStart = nextLineStart;
  }

  private void add(SourceToken.Kind kind, String text, int start) {
    tokens.add(new SourceToken(kind, text, line, start - lineStart + 1));
  }
}
