package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.Violation;
import java.util.List;

/**
 * Every error the receiver answers, in one JSON shape:
 * {@code {"status":400,"error":"invalid_webhook","field":"EventType","message":"...","errors":[{"field","rule","received","message"}]}}.
 * The first problem is on top; every broken rule is in {@code errors}.
 */
final class ApiError extends RuntimeException {
  private final int status;
  private final String error;
  private final List<Violation> violations;

  ApiError(int status, String error, List<Violation> violations) {
    super(violations.isEmpty() ? error : violations.get(0).message(), null, false, false);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a rejection names at least one broken rule");
    }
    this.status = status;
    this.error = error;
    this.violations = List.copyOf(violations);
  }

  static ApiError of(int status, String error, String field, String rule, String received, String message) {
    return new ApiError(status, error, List.of(new Violation(field, rule, received, message)));
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

  Violation first() {
    return violations.get(0);
  }
}
