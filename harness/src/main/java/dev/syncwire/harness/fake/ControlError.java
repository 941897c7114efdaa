package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.Violation;
import java.util.List;

/**
 * A control API call refused, in the receiver's one error shape:
 * {@code {"status":400,"error":"invalid_control_request","field","message","errors":[{"field","rule","received","message"}]}}.
 * The first broken rule is on top; {@code pending} (for {@code not_idle}) lists what was still on its way.
 */
final class ControlError extends RuntimeException {
  static final String INVALID = "invalid_control_request";

  private final int status;
  private final String error;
  private final List<Violation> violations;
  private final List<WebhookDeliveryRecord> pending;

  ControlError(int status, String error, List<Violation> violations, List<WebhookDeliveryRecord> pending) {
    super(violations.isEmpty() ? error : violations.get(0).message(), null, false, false);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a control error names at least one broken rule");
    }
    this.status = status;
    this.error = error;
    this.violations = List.copyOf(violations);
    this.pending = pending;
  }

  static ControlError of(int status, String error, String field, String rule, String received, String message) {
    return new ControlError(status, error, List.of(new Violation(field, rule, received, message)), null);
  }

  /** A 400 {@code invalid_control_request} for one broken rule. */
  static ControlError invalid(String field, String rule, String received, String message) {
    return of(400, INVALID, field, rule, received, message);
  }

  static ControlError invalid(List<Violation> violations) {
    return new ControlError(400, INVALID, violations, null);
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  List<Violation> violations() {
    return violations;
  }

  /** Deliveries still pending, or null when the error is not about them. */
  List<WebhookDeliveryRecord> pending() {
    return pending;
  }
}
