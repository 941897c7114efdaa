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
