package dev.syncwire.receiver;

import java.util.Locale;

/**
 * What the receiver does with a webhook whose {@code X-Twilio-Signature} is missing or wrong.
 * The verdict is the same in every mode but {@link #OFF}; only what the receiver does with it
 * differs.
 *
 * <pre>{@code
 * SignatureMode mode = SignatureMode.parse("warn");  // WARN
 * }</pre>
 */
public enum SignatureMode {
  /** Refuse an invalid webhook (403) and journal it as rejected. */
  ENFORCE,
  /** Keep an invalid webhook and mark it {@code invalid}, so a test can still see it arrived. */
  WARN,
  /** Do not check; every webhook is {@code unchecked}. */
  OFF;

  /**
   * The mode named {@code enforce}, {@code warn} or {@code off}, in any case.
   *
   * @throws IllegalArgumentException naming what was given and the allowed values
   */
  public static SignatureMode parse(String name) {
    if (name != null) {
      String wanted = name.trim().toUpperCase(Locale.ROOT);
      for (SignatureMode mode : values()) {
        if (mode.name().equals(wanted)) {
          return mode;
        }
      }
    }
    throw new IllegalArgumentException(
        "signature mode "
            + (name == null ? "(none)" : '"' + name + '"')
            + " is not one of enforce, warn, off; use enforce to refuse unsigned webhooks,"
            + " warn to keep them marked invalid, off to skip the check");
  }

  /** The lower-case name that {@link #parse} accepts and the CLI prints. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
