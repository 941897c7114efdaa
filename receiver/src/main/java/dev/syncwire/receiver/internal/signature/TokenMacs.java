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
 * One keyed HMAC per key per thread, with scratch buffers, so a check allocates no Mac and no
 * digest: HMAC-SHA1 for auth tokens, HMAC-SHA256 for Webhook Rule keys. Jetty serves from a fixed
 * pool of platform threads, so the per-thread copies stay few.
 */
final class TokenMacs {
  static final String SHA1 = "HmacSHA1";
  static final String SHA256 = "HmacSHA256";

  private final String algorithm;
  private final int macLength;
  private final SecretKeySpec[] keys;
  private final ThreadLocal<Scratch> scratch;

  /** HMAC-SHA1 keyed by each auth token. */
  TokenMacs(List<String> tokens) {
    this(tokens, SHA1);
  }

  TokenMacs(List<String> secrets, String algorithm) {
    this.algorithm = algorithm;
    this.macLength = algorithm.equals(SHA256) ? 32 : 20;
    keys = new SecretKeySpec[secrets.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new SecretKeySpec(secrets.get(i).getBytes(StandardCharsets.UTF_8), algorithm);
    }
    scratch = ThreadLocal.withInitial(() -> new Scratch(keys, algorithm, macLength));
  }

  int size() {
    return keys.length;
  }

  /**
   * The index of the first key whose Base64 HMAC of {@code url + suffix} equals
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
        throw new IllegalStateException(algorithm + " returned more than " + macLength + " bytes", e);
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
    final byte[] digest;
    final byte[] encoded;

    Scratch(SecretKeySpec[] keys, String algorithm, int macLength) {
      digest = new byte[macLength];
      encoded = new byte[(macLength + 2) / 3 * 4];
      macs = new Mac[keys.length];
      for (int i = 0; i < keys.length; i++) {
        try {
          macs[i] = Mac.getInstance(algorithm);
          macs[i].init(keys[i]);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(algorithm + " is unavailable in this JVM: " + e.getMessage(), e);
        }
      }
    }
  }
}
