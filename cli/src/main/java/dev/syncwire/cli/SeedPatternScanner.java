package dev.syncwire.cli;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SeedErrorCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in a token list, comparisons with the seed's misread error codes ({@link SeedErrorCode})
 * and with event names only the seed uses ({@link EventType#isSeedOnlyName}). A literal counts
 * when it is compared: next to {@code ==}/{@code ===}/{@code !=}/{@code !==}, a {@code case} label,
 * an argument of an equality or membership call ({@code equals}, {@code includes}, {@code toBe}...),
 * inside a group that such a call follows ({@code [54007, 54008].includes(code)}), or an object key
 * of a dispatch table. Anything else (a log message, a constant) is left alone.
 */
final class SeedPatternScanner {
  private static final Set<String> EQUALITY = Set.of("===", "==", "!==", "!=");
  private static final Set<String> COMPARING_CALLS = Set.of("equals", "equalsIgnoreCase", "includes", "contains",
      "has", "indexOf", "toBe", "toEqual", "toStrictEqual", "isEqualTo", "assertEquals", "is", "eq", "isIn", "some");

  record Finding(String code, int line, int column, String message, String fix) {}

  private SeedPatternScanner() {}

  static List<Finding> scan(List<SourceToken> tokens) {
    int[] closer = matchingClosers(tokens);
    int[] opener = new int[tokens.size()];
    java.util.Arrays.fill(opener, -1);
    for (int i = 0; i < closer.length; i++) {
      if (closer[i] >= 0) {
        opener[closer[i]] = i;
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      SourceToken token = tokens.get(i);
      Optional<SeedErrorCode> code = errorCode(token);
      Optional<EventType> seedEvent = seedEvent(token);
      if (code.isEmpty() && seedEvent.isEmpty()) {
        continue;
      }
      if (!compared(tokens, i, closer, opener) && !(seedEvent.isPresent() && dispatchKey(tokens, i))) {
        continue;
      }
      if (code.isPresent()) {
        SeedErrorCode row = code.get();
        findings.add(new Finding("seed_error_code", token.line(), token.column(),
            row.code() + " is compared as the seed's \"" + row.seedMeaning() + "\", but Sync REST calls do not return it for that: "
                + row.realMeaning() + ".",
            "check " + row.insteadCheck() + " (" + row.confidence().name().toLowerCase(java.util.Locale.ROOT)
                + ": " + row.source() + ")"));
      } else {
        EventType type = seedEvent.get();
        findings.add(new Finding("seed_event_name", token.line(), token.column(),
            token.text() + " is the seed's name for this event; Twilio does not send it.",
            "compare with " + type.wireName() + " (" + type.confidence().name().toLowerCase(java.util.Locale.ROOT)
                + ", see docs/sync-contract.md \"Event names\")"));
      }
    }
    return findings;
  }

  private static Optional<SeedErrorCode> errorCode(SourceToken token) {
    String text = token.text().replace("_", "");
    if (token.kind() == SourceToken.Kind.NUMBER && (text.endsWith("L") || text.endsWith("l"))) {
      text = text.substring(0, text.length() - 1);
    }
    boolean numeric = token.kind() == SourceToken.Kind.NUMBER || token.kind() == SourceToken.Kind.STRING;
    if (!numeric || text.length() != 5 || !text.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return SeedErrorCode.of(Long.parseLong(text));
  }

  private static Optional<EventType> seedEvent(SourceToken token) {
    if (token.kind() != SourceToken.Kind.STRING && token.kind() != SourceToken.Kind.WORD) {
      return Optional.empty();
    }
    return EventType.fromExactName(token.text()).filter(type -> type.isSeedOnlyName(token.text()));
  }

  private static boolean compared(List<SourceToken> tokens, int i, int[] closer, int[] opener) {
    if (tokens.get(i).kind() == SourceToken.Kind.WORD) {
      return false; // a bare word is a name, not a literal; only dispatch keys use it
    }
    if (EQUALITY.contains(text(tokens, i - 1)) || EQUALITY.contains(text(tokens, i + 1))) {
      return true;
    }
    int back = i - 1;
    while (back >= 1 && text(tokens, back).equals(",") && literal(tokens, back - 1)) {
      back -= 2; // case 54007, 54008 ->
    }
    if (text(tokens, back).equals("case")) {
      return true;
    }
    if (text(tokens, i + 1).equals(".") && COMPARING_CALLS.contains(text(tokens, i + 2))) {
      return true; // "map_item_created".equals(type)
    }
    Deque<Integer> groups = enclosingGroups(tokens, i, closer);
    int levels = 0;
    for (int open : groups) {
      if (levels++ == 3) {
        break;
      }
      if (text(tokens, open).equals("(") && COMPARING_CALLS.contains(text(tokens, open - 1))) {
        return true;
      }
      int close = closer[open];
      if (close > 0 && text(tokens, close + 1).equals(".") && COMPARING_CALLS.contains(text(tokens, close + 2))) {
        return true;
      }
    }
    return false;
  }

  /** {@code { 'map_item_created': handle }} or {@code { map_item_created: handle }}. */
  private static boolean dispatchKey(List<SourceToken> tokens, int i) {
    String before = text(tokens, i - 1);
    return text(tokens, i + 1).equals(":") && (before.equals("{") || before.equals(","));
  }

  private static boolean literal(List<SourceToken> tokens, int i) {
    SourceToken.Kind kind = tokens.get(i).kind();
    return kind == SourceToken.Kind.NUMBER || kind == SourceToken.Kind.STRING;
  }

  /** The openers of the groups around token {@code i}, innermost first. */
  private static Deque<Integer> enclosingGroups(List<SourceToken> tokens, int i, int[] closer) {
    Deque<Integer> groups = new ArrayDeque<>();
    for (int open = i - 1; open >= 0 && i - open < 200; open--) {
      if (closer[open] > i) {
        groups.addLast(open);
      }
    }
    return groups;
  }

  private static int[] matchingClosers(List<SourceToken> tokens) {
    int[] closer = new int[tokens.size()];
    java.util.Arrays.fill(closer, -1);
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i).kind() == SourceToken.Kind.PUNCT ? tokens.get(i).text() : "";
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        open.push(i);
      } else if ((t.equals(")") || t.equals("]") || t.equals("}")) && !open.isEmpty()) {
        closer[open.pop()] = i;
      }
    }
    return closer;
  }

  private static String text(List<SourceToken> tokens, int i) {
    if (i < 0 || i >= tokens.size()) {
      return "";
    }
    SourceToken token = tokens.get(i);
    return token.kind() == SourceToken.Kind.STRING ? "\u0000" : token.text();
  }
}
