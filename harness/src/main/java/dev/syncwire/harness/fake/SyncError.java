package dev.syncwire.harness.fake;

import dev.syncwire.harness.fake.internal.ErrorCase;

/**
 * A Twilio REST error: HTTP status plus Twilio's code, written as Twilio's error body. Each is
 * built from an {@link ErrorCase}, so {@code syncwire fake --coverage} can list every one.
 */
final class SyncError extends RuntimeException {
  final ErrorCase kind;
  final int status;
  final int code;

  SyncError(ErrorCase kind, String message) {
    this(kind, kind.status(), kind.code(), message);
  }

  private SyncError(ErrorCase kind, int status, int code, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }

  /** The answer a {@link Faults} rule asked for: its own status and code. */
  static SyncError injected(int status, int code, String message) {
    return new SyncError(ErrorCase.INJECTED_FAULT, status, code, message);
  }

  static SyncError notFound(String resourcePath) {
    return new SyncError(ErrorCase.RESOURCE_NOT_FOUND, "The requested resource " + resourcePath + " was not found");
  }

  /** A path outside the API: Twilio's 404, worded as for a missing resource. */
  static SyncError unknownPath(String resourcePath) {
    return new SyncError(ErrorCase.UNKNOWN_PATH, "The requested resource " + resourcePath + " was not found");
  }

  static SyncError invalidParameter(String message) {
    return new SyncError(ErrorCase.INVALID_PARAMETER, message);
  }

  static SyncError missingParameter(String name) {
    return new SyncError(ErrorCase.MISSING_PARAMETER, "Missing required parameter " + name + " in the post body");
  }
}
