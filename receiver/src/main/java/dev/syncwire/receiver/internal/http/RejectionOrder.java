package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.Violation;
import dev.syncwire.receiver.internal.signature.SignatureCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rejection a webhook gets when several rules are broken, and which broken rules are
 * recorded with it. The order: a body that cannot be read as parameters (415 or 400, from
 * {@link WebhookBody}), then a bad signature when signatures are enforced (403), then broken
 * contract rules (400). A bad signature is recorded whatever the mode; when the body could not
 * be read, its problem replaces the contract's rules (there were no parameters to check).
 */
final class RejectionOrder {
  private RejectionOrder() {}

  /**
   * What one delivery is recorded with.
   *
   * @param errors every broken rule, recorded with the event (signature first)
   * @param rejection the answer that wins, or null when the delivery is admitted
   */
  record Outcome(List<Violation> errors, ApiError rejection) {}

  /**
   * @param bodyProblem why the body could not be read as parameters, or null
   * @param signatureHeader the {@code X-Twilio-Signature} value as received, or null
   * @param enforce whether a bad signature is refused (signature mode {@code enforce})
   * @param webhook the parameters read as a webhook (empty when the body could not be read)
   */
  static Outcome decide(ApiError bodyProblem, SignatureCheck check, String signatureHeader, boolean enforce,
      SyncWebhook webhook) {
    List<Violation> errors = new ArrayList<>();
    ApiError rejection = bodyProblem;
    if (check.verdict() == SignatureVerdict.INVALID) {
      Violation signature = new Violation(TwilioSignature.HEADER, "signature", signatureHeader, check.reason());
      errors.add(signature);
      if (rejection == null && enforce) {
        List<Violation> all = new ArrayList<>(errors);
        all.addAll(webhook.violations());
        rejection = new ApiError(403, "invalid_signature", all);
      }
    }
    if (bodyProblem != null) {
      errors.addAll(bodyProblem.violations());
    } else {
      errors.addAll(webhook.violations());
      if (rejection == null && !webhook.isValid()) {
        rejection = new ApiError(400, "invalid_webhook", webhook.violations());
      }
    }
    return new Outcome(errors, rejection);
  }
}
