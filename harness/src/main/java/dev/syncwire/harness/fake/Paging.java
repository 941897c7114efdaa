package dev.syncwire.harness.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * One page of a sorted map. A PageToken names the key the page continues after ({@code PA}) or
 * ends before ({@code PB}), so following next_page_url costs O(log n + page size) however deep the
 * page. Only a bare {@code Page=N} without a token walks from the start (Twilio says Page is
 * "simply for client state"; the SDK always sends the token).
 */
final class Paging {
  static final int DEFAULT_PAGE_SIZE = 50;
  /** Twilio's documented ceiling across its APIs; the spec text says 100 (unconfirmed which binds). */
  static final int MAX_PAGE_SIZE = 1000;

  record Result<V>(List<V> values, String nextToken, String previousToken) {}

  private Paging() {}

  /**
   * @param map entries in ascending key order
   * @param descending read from the end ({@code Order=desc})
   * @param from where to start when no token is given (null: the first entry in read order)
   */
  static <K, V> Result<V> page(
      NavigableMap<K, V> map, boolean descending, K from, boolean inclusive,
      int pageSize, int page, String token, Function<String, K> parseKey) {
    NavigableMap<K, V> view = descending ? map.descendingMap() : map;
    List<Map.Entry<K, V>> entries = new ArrayList<>(Math.min(pageSize, 1024));
    boolean more;
    if (token != null && token.startsWith("PB")) {
      K before = parseKey.apply(decode(token));
      Iterator<Map.Entry<K, V>> it = view.headMap(before, false).descendingMap().entrySet().iterator();
      while (it.hasNext() && entries.size() < pageSize) {
        entries.add(it.next());
      }
      Collections.reverse(entries);
      more = !entries.isEmpty();
    } else {
      NavigableMap<K, V> rest;
      if (token != null && token.startsWith("PA")) {
        rest = view.tailMap(parseKey.apply(decode(token)), false);
      } else if (from != null) {
        rest = view.tailMap(from, inclusive);
      } else {
        rest = view;
      }
      Iterator<Map.Entry<K, V>> it = rest.entrySet().iterator();
      if (token == null) {
        for (long skip = (long) page * pageSize; skip > 0 && it.hasNext(); skip--) {
          it.next();
        }
      }
      while (it.hasNext() && entries.size() < pageSize) {
        entries.add(it.next());
      }
      more = it.hasNext();
    }
    List<V> values = new ArrayList<>(entries.size());
    entries.forEach(e -> values.add(e.getValue()));
    String next = null;
    String previous = null;
    if (!entries.isEmpty()) {
      K first = entries.get(0).getKey();
      K last = entries.get(entries.size() - 1).getKey();
      if (token != null && token.startsWith("PB")) {
        next = "PA" + encode(last);
        previous = view.headMap(first, false).isEmpty() ? null : "PB" + encode(first);
      } else {
        next = more ? "PA" + encode(last) : null;
        previous = page > 0 ? "PB" + encode(first) : null;
      }
    }
    return new Result<>(values, next, previous);
  }

  private static String encode(Object key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token.substring(2)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw SyncError.invalidParameter("Invalid PageToken '" + token + "': use the next_page_url or previous_page_url the API returned");
    }
  }
}
