package dev.syncwire.harness.fake;

/** A Twilio REST error: HTTP status plus Twilio's code, written as Twilio's error body. */
final class SyncError extends RuntimeException {
  final int status;
  final int code;

  SyncError(int status, int code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static SyncError notFound(String resourcePath) {
    return new SyncError(404, 20404, "The requested resource " + resourcePath + " was not found");
  }

  static SyncError badRequest(int code, String message) {
    return new SyncError(400, code, message);
  }

  static SyncError missingParameter(String name) {
    return new SyncError(400, 20001, "Missing required parameter " + name + " in the post body");
  }
}
