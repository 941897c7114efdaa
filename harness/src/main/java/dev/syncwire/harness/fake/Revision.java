package dev.syncwire.harness.fake;

/**
 * How the fake writes a revision: its counter in lowercase hex ({@code "9"}, then {@code "a"}),
 * as Twilio's captured events show ({@code "1af"}, {@code "1b0"}); clients must treat it as an
 * opaque string, so nothing here or in them parses one back.
 */
final class Revision {
  private Revision() {}

  /** The revision text of counter value {@code count}: {@code 431} gives {@code "1af"}. */
  static String text(long count) {
    return Long.toHexString(count);
  }
}
