package dev.syncwire.harness.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A list item (by {@code index}) or map item (by {@code key}). Mutable; guarded by the store lock. */
final class SyncItem {
  final Integer index;
  final String key;
  final Instant dateCreated;
  JsonNode data;
  long revision;
  Instant dateUpdated;
  Instant dateExpires;
  Expiry expiry;
  /** This item's JSON as a page last showed it; reused while nothing it shows has changed. */
  PageEntry pageEntry;

  /** An item's rendered JSON and what it was rendered from (its URL starts with {@code origin}). */
  record PageEntry(String origin, long revision, JsonNode data, Instant dateUpdated, Instant dateExpires,
      com.fasterxml.jackson.core.SerializableString json) {
    boolean shows(SyncItem i, String origin) {
      return revision == i.revision && data == i.data && dateUpdated == i.dateUpdated && dateExpires == i.dateExpires
          && this.origin.equals(origin);
    }
  }

  SyncItem(Integer index, String key, JsonNode data, Instant now) {
    this.index = index;
    this.key = key;
    this.data = data;
    this.dateCreated = now;
    this.dateUpdated = now;
  }

  Object id() {
    return index != null ? index : key;
  }

  SyncItem copy() {
    SyncItem c = new SyncItem(index, key, data, dateCreated);
    c.revision = revision;
    c.dateUpdated = dateUpdated;
    c.dateExpires = dateExpires;
    c.expiry = expiry;
    return c;
  }
}
