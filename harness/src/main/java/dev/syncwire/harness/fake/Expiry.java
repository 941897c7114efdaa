package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.ObjectType;
import java.time.Instant;
import java.util.Comparator;

/**
 * One pending TTL expiry: an object ({@code itemId} null) or an item of it. Ordered by time, then
 * by creation, so the store finds what is due in O(log n).
 */
record Expiry(Instant at, long seq, String serviceSid, ObjectType type, String objectSid, Object itemId) {
  static final Comparator<Expiry> ORDER =
      Comparator.comparing(Expiry::at).thenComparingLong(Expiry::seq);
}
