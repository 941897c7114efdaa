package dev.syncwire.receiver.internal.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One keyed HMAC-SHA1 per auth token per thread, with scratch buffers, so a check allocates no
 * Mac and no digest. Jetty serves from a fixed pool of platform threads, so the per-thread copies
 * stay few.
 */
final class TokenMacs {
  private static final String HMAC = "HmacSHA1";
  private static final int MAC_LENGTH = 20;
  private static final int BASE64_LENGTH = 28;

  private final SecretKeySpec[] keys;
  private final ThreadLocal<Scratch> scratch;

  TokenMacs(List<String> tokens) {
    keys = new SecretKeySpec[tokens.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new SecretKeySpec(tokens.get(i).getBytes(StandardCharsets.UTF_8), HMAC);
    }
    scratch = ThreadLocal.withInitial(() -> new Scratch(keys));
  }

  int size() {
    return keys.length;
  }

  /**
   * The index of the first token whose Base64 HMAC of {@code url + suffix} equals
   * {@code expected} (compared in constant time), or -1.
   */
  int match(byte[] url, byte[] suffix, byte[] expected) {
    Scratch s = scratch.get();
    for (int i = 0; i < s.macs.length; i++) {
      Mac mac = s.macs[i];
      mac.update(url);
      mac.update(suffix);
      try {
        mac.doFinal(s.digest, 0);
      } catch (ShortBufferException e) {
        throw new IllegalStateException("HmacSHA1 returned more than 20 bytes", e);
      }
      Base64.getEncoder().encode(s.digest, s.encoded);
      if (MessageDigest.isEqual(s.encoded, expected)) {
        return i;
      }
    }
    return -1;
  }

  private static final class Scratch {
    final Mac[] macs;
    final byte[] digest = new byte[MAC_LENGTH];
    final byte[] encoded = new byte[BASE64_LENGTH];

    Scratch(SecretKeySpec[] keys) {
      macs = new Mac[keys.length];
      for (int i = 0; i < keys.length; i++) {
        try {
          macs[i] = Mac.getInstance(HMAC);
          macs[i].init(keys[i]);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("HmacSHA1 is unavailable in this JVM: " + e.getMessage(), e);
        }
      }
    }
  }
}
