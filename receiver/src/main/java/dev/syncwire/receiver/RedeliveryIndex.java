package dev.syncwire.receiver;

import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.WireParam;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers accepted deliveries by {@code I-Twilio-Idempotency-Token} and by body, so a redelivery
 * is recorded once and flagged. Bounded like the in-memory store.
 */
final class RedeliveryIndex {
  private final Map<String, Long> seen;

  RedeliveryIndex(int cap) {
    this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > cap * 2;
      }
    };
  }

  /** The keys a delivery is known by: its idempotency token if any, and its body digest. */
  static String[] keys(RawRequest request) {
    String token = request.header(WireParam.IDEMPOTENCY_TOKEN_HEADER);
    String body = "b:" + digest(request.body());
    return token == null || token.isBlank() ? new String[] {body} : new String[] {"t:" + token, body};
  }

  /** The id of the event these keys were first accepted as, or null after claiming them for {@code id}. */
  synchronized Long claim(String[] keys, long id) {
    for (String key : keys) {
      Long first = seen.get(key);
      if (first != null) {
        return first;
      }
    }
    for (String key : keys) {
      seen.put(key, id);
    }
    return null;
  }

  /** Gives the keys back when the event they were claimed for could not be recorded. */
  synchronized void release(String[] keys, long id) {
    for (String key : keys) {
      seen.remove(key, id);
    }
  }

  synchronized void clear() {
    seen.clear();
  }

  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return Base64.getEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
