package dev.syncwire.receiver.internal.signature;

import dev.syncwire.fixtures.SignatureVerdict;
import java.util.List;

/**
 * The outcome of one {@link SignatureValidator#check}: the verdict, every URL the signature was
 * computed over (in the order tried), the URL and token that matched, and a reason a user can act
 * on. Never holds an auth token.
 *
 * <pre>{@code
 * SignatureCheck check = validator.check(request);
 * if (check.verdict() == SignatureVerdict.INVALID) {
 *   log.warn(check.reason());  // "X-Twilio-Signature does not match the auth token for ..."
 * }
 * check.tokenIndex();  // 1 when the second (rotated-in) token matched
 * }</pre>
 */
public final class SignatureCheck {
  private final SignatureVerdict verdict;
  private final String matchedUrl;
  private final List<String> urlsTried;
  private final int tokenIndex;
  private final int tokenCount;
  private final String reason;
  private final String signingKeyId;

  private SignatureCheck(
      SignatureVerdict verdict,
      String matchedUrl,
      List<String> urlsTried,
      int tokenIndex,
      int tokenCount,
      String reason,
      String signingKeyId) {
    this.verdict = verdict;
    this.matchedUrl = matchedUrl;
    this.urlsTried = List.copyOf(urlsTried);
    this.tokenIndex = tokenIndex;
    this.tokenCount = tokenCount;
    this.reason = reason;
    this.signingKeyId = signingKeyId;
  }

  static SignatureCheck valid(String matchedUrl, List<String> urlsTried, int tokenIndex, int tokenCount) {
    return new SignatureCheck(SignatureVerdict.VALID, matchedUrl, urlsTried, tokenIndex, tokenCount, null, null);
  }

  static SignatureCheck validWithKey(String matchedUrl, List<String> urlsTried, String signingKeyId) {
    return new SignatureCheck(SignatureVerdict.VALID, matchedUrl, urlsTried, -1, 0, null, signingKeyId);
  }

  static SignatureCheck invalid(List<String> urlsTried, String reason) {
    return new SignatureCheck(SignatureVerdict.INVALID, null, urlsTried, -1, 0, reason, null);
  }

  /** No check was made: {@code reason} says why (mode off, no token, a body that was not read in full). */
  public static SignatureCheck unchecked(String reason) {
    return new SignatureCheck(SignatureVerdict.UNCHECKED, null, List.of(), -1, 0, reason, null);
  }

  public SignatureVerdict verdict() {
    return verdict;
  }

  /** The URL whose signature matched, or null unless the verdict is {@code VALID}. */
  public String matchedUrl() {
    return matchedUrl;
  }

  /**
   * Every URL the signature was computed over, in the order tried, up to the one that matched;
   * empty when none was (mode off, no token, missing header).
   */
  public List<String> urlsTried() {
    return urlsTried;
  }

  /**
   * The position (from 0) of the configured auth token that matched, or -1 unless the verdict is
   * {@code VALID}. Shows which token Twilio still signs with while rotating.
   */
  public int tokenIndex() {
    return tokenIndex;
  }

  /** The id of the Webhook Rule key whose HMAC-SHA256 matched, or null (the auth token, or not valid). */
  public String signingKeyId() {
    return signingKeyId;
  }

  /** One sentence: why the verdict is what it is, and for a failure how to fix it. */
  public String reason() {
    if (reason != null) {
      return reason;
    }
    // Built on demand: the hot path for valid webhooks never needs it.
    if (signingKeyId != null) {
      return "X-Twilio-Signature matches signing key " + signingKeyId + " (HMAC-SHA256) for " + matchedUrl;
    }
    return "X-Twilio-Signature matches "
        + (tokenCount == 1 ? "the auth token" : "auth token " + (tokenIndex + 1) + " of " + tokenCount)
        + " for "
        + matchedUrl;
  }

  @Override
  public String toString() {
    return verdict.wireName() + ": " + reason();
  }
}
