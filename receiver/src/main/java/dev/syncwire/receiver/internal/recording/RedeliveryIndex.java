package dev.syncwire.receiver.internal.recording;

import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.WireParam;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers accepted deliveries by {@code I-Twilio-Idempotency-Token}, or by body when a delivery
 * has no token, so a redelivery is recorded once and flagged. Bounded like the in-memory store.
 *
 * <p>A key is the first 128 bits of the SHA-256 of the token (or of the body), tagged by which it
 * is: two longs, not the token text or a Base64 digest, since the index holds a key for each
 * of up to {@code cap} events.
 */
public final class RedeliveryIndex {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** 128 bits of a SHA-256; {@code token} tells a token key from a body key. */
  public record Key(long high, long low, boolean token) {}

  /**
   * The first delivery of a key: completes with its event id once that event is recorded, or
   * exceptionally if it could not be (then its keys are released first, so a redelivery waiting
   * on it claims them itself).
   */
  public static final class FirstDelivery extends CompletableFuture<Long> {
    public static FirstDelivery recorded(long id) {
      FirstDelivery first = new FirstDelivery();
      first.complete(id);
      return first;
    }
  }

  private final Map<Key, FirstDelivery> seen;

  public RedeliveryIndex(int cap) {
    this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, FirstDelivery> eldest) {
        return size() > cap;
      }
    };
  }

  /**
   * The key a delivery is known by: its idempotency token when it has one (a redelivery keeps its
   * token, and two deliveries with fresh tokens are two events even if their bodies match, as a
   * repeated {@code syncwire trigger} is), else its body digest. Costs no lock.
   */
  public static Key[] keys(RawRequest request) {
    String token = request.header(WireParam.IDEMPOTENCY_TOKEN_HEADER);
    return token == null || token.isBlank()
        ? new Key[] {key(request.body(), false)}
        : new Key[] {key(token.getBytes(StandardCharsets.UTF_8), true)};
  }

  /**
   * Claims {@code keys} for {@code mine} and returns null, or returns the delivery that holds them
   * already (which may still be on its way to the journal: wait for it before calling this one a
   * duplicate, since it can still fail).
   */
  public synchronized FirstDelivery claim(Key[] keys, FirstDelivery mine) {
    for (Key key : keys) {
      FirstDelivery first = seen.get(key);
      if (first != null) {
        return first;
      }
    }
    for (Key key : keys) {
      seen.put(key, mine);
    }
    return null;
  }

  /** Gives the keys back when the event they were claimed for could not be recorded. */
  public synchronized void release(Key[] keys, FirstDelivery mine) {
    for (Key key : keys) {
      seen.remove(key, mine);
    }
  }

  /** How many redeliveries wait on a first delivery still on its way to the journal (tests watch this). */
  public synchronized int waiting() {
    int waiting = 0;
    for (FirstDelivery first : seen.values()) {
      if (!first.isDone()) {
        waiting += first.getNumberOfDependents();
      }
    }
    return waiting;
  }

  public synchronized void clear() {
    seen.clear();
  }

  private static Key key(byte[] bytes, boolean token) {
    MessageDigest sha = SHA256.get();
    byte[] hash = sha.digest(bytes); // digest() also resets it for the next use
    return new Key(longAt(hash, 0), longAt(hash, 8), token);
  }

  private static long longAt(byte[] b, int at) {
    long v = 0;
    for (int i = at; i < at + 8; i++) {
      v = v << 8 | (b[i] & 0xFF);
    }
    return v;
  }
}
