package dev.syncwire.harness.fake;

import java.util.SplittableRandom;

/**
 * SIDs as Twilio shapes them (two-letter prefix + 32 lowercase hex), drawn from a seed so that two
 * fakes with one seed hand out the same SIDs in the same order. The n-th SID depends only on
 * (seed, n), so a snapshot needs only the counter.
 */
final class SidGenerator {
  private final long seed;
  private long counter;

  SidGenerator(long seed) {
    this(seed, 0);
  }

  SidGenerator(long seed, long counter) {
    this.seed = seed;
    this.counter = counter;
  }

  synchronized String next(String prefix) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + counter++);
    return prefix + String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  long seed() {
    return seed;
  }

  /** How many SIDs were handed out: the next one is the {@code counter()}-th (0-based). */
  synchronized long counter() {
    return counter;
  }

  synchronized SidGenerator copy() {
    return new SidGenerator(seed, counter);
  }

  /**
   * The counter at which this seed handed out {@code sid} (any prefix), or -1 if it never does. Inverts
   * SplittableRandom's SplitMix64 step (gamma 0x9E3779B97F4A7C15, then mix64) on the first 16 hex digits
   * and checks the guess by generating it, so a JDK that changed the algorithm gives -1, never a wrong index.
   */
  long indexOf(String sid) {
    if (sid == null || sid.length() != 34) {
      return -1;
    }
    long first;
    try {
      first = Long.parseUnsignedLong(sid.substring(2, 18), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
    long state = unmix64(first) - GAMMA; // the SplittableRandom seed: seed * GAMMA + counter
    long index = state - seed * GAMMA;
    if (index < 0 || !new SidGenerator(seed, index).next(sid.substring(0, 2)).equals(sid)) {
      return -1;
    }
    return index;
  }

  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  /** The inverse of SplittableRandom.mix64 (Stafford variant 13): undo each xor-shift and odd multiply. */
  private static long unmix64(long z) {
    z = z ^ (z >>> 31) ^ (z >>> 62);
    z *= 0x319642b2d24d8ec3L; // inverse of 0x94d049bb133111eb mod 2^64
    z = z ^ (z >>> 27) ^ (z >>> 54);
    z *= 0x96de1b173f119089L; // inverse of 0xbf58476d1ce4e5b9 mod 2^64
    return z ^ (z >>> 30) ^ (z >>> 60);
  }

  /** Two ASCII letters and 32 hex digits: the shape a unique name must not have (Twilio's "SID pattern"). */
  static boolean looksLikeAnySid(String value) {
    return value != null && value.length() == 34 && asciiLetter(value.charAt(0)) && asciiLetter(value.charAt(1))
        && looksLikeSid(value, value.substring(0, 2));
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  static boolean looksLikeSid(String value, String prefix) {
    if (value == null || value.length() != 34 || !value.startsWith(prefix)) {
      return false;
    }
    for (int i = 2; i < 34; i++) {
      if (Character.digit(value.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
