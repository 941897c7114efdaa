package dev.syncwire.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name a misspelling most likely meant, by edit distance (commons-text is not on our classpath). */
final class ClosestName {
  private ClosestName() {}

  /** The closest of {@code known} to {@code typed}, if within a third of its length (at least 2 edits). */
  static Optional<String> to(String typed, Collection<String> known) {
    String t = typed.trim().toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : known) {
      int d = distance(t, name);
      if (d < bestDistance || d == bestDistance && name.compareTo(best) < 0) {
        best = name;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, t.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
