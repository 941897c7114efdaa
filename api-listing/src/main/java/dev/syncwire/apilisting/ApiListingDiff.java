package dev.syncwire.apilisting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two listings, type by type: types gone ({@code -}) or new ({@code +}), and
 * under a type both have, its members gone or new.
 *
 * <pre>{@code
 * String diff = ApiListingDiff.between(Files.readString(checkedIn), ApiListing.of(classes).text());
 * }</pre>
 */
final class ApiListingDiff {
  private ApiListingDiff() {}

  /** Empty when the listings are the same. */
  static String between(String expected, String actual) {
    Map<String, List<String>> before = byType(expected);
    Map<String, List<String>> after = byType(actual);
    StringBuilder diff = new StringBuilder();
    for (Map.Entry<String, List<String>> type : before.entrySet()) {
      List<String> now = after.get(type.getKey());
      if (now == null) {
        diff.append("- ").append(type.getKey()).append('\n');
        continue;
      }
      StringBuilder members = new StringBuilder();
      type.getValue().stream().filter(m -> !now.contains(m)).forEach(m -> members.append("-").append(m).append('\n'));
      now.stream().filter(m -> !type.getValue().contains(m)).forEach(m -> members.append("+").append(m).append('\n'));
      if (members.length() > 0) {
        diff.append("  ").append(type.getKey()).append('\n').append(members);
      }
    }
    after.keySet().stream().filter(t -> !before.containsKey(t)).forEach(t -> diff.append("+ ").append(t).append('\n'));
    return diff.toString();
  }

  private static Map<String, List<String>> byType(String listing) {
    Map<String, List<String>> types = new LinkedHashMap<>();
    List<String> members = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith(" ")) {
        members.add(line);
      } else {
        members = types.computeIfAbsent(line, t -> new ArrayList<>());
      }
    }
    return types;
  }
}
