package dev.syncwire.harness.fake.internal;

/**
 * Every error the Sync fake answers with, keyed: its HTTP status, its Twilio code and what it
 * means. The fake builds each error from one of these, so {@link DeclaredErrors} can say which
 * operation returns which, and a test can check both directions. What real Twilio returns, with
 * sources and confidence, is {@code docs/sync-contract.md} ("Error codes from the REST API").
 */
public enum ErrorCase {
  RESOURCE_NOT_FOUND(404, 20404, "no resource with that SID, unique name, index, key or identity"),
  MISSING_PARAMETER(400, 20001, "a required parameter is missing"),
  INVALID_PARAMETER(400, 20001, "a parameter is not of its type or range (boolean, integer, URL, Order, Bounds, paging)"),
  INVALID_DATA(400, 20001, "Data is not a JSON object"),
  DATA_TOO_LARGE(413, 54006, "Data is over its limit (16 KiB; 4 KiB for a stream message)"),
  NO_PARAMETERS(400, 54010, "an update names nothing to change"),
  INVALID_TTL(400, 54011, "a TTL is not a whole number of seconds from 0 to 31,536,000"),
  MAP_ITEM_KEY_EXISTS(409, 54208, "the map already has an item with that key"),
  INVALID_ITEM_KEY(400, 54209, "a map item key is empty or over 320 characters"),
  STREAM_MESSAGE_DATA_MISSING(400, 54251, "a stream message without Data"),
  UNIQUE_NAME_EXISTS(409, 54301, "the unique name is taken in the service"),
  INVALID_UNIQUE_NAME(400, 54302, "a unique name is empty, over 320 characters or shaped like a SID"),
  REVISION_MISMATCH(412, 20412, "If-Match names another revision than the current one"),
  UNAUTHENTICATED(401, 20003, "no HTTP basic credentials, or wrong ones"),
  UNKNOWN_PATH(404, 20404, "the path is not one of the Sync v1 API"),
  METHOD_NOT_ALLOWED(405, 20004, "the path exists, but not with this method"),
  FAKE_FAILURE(500, 20500, "the fake failed (and logged why): a bug, or a TTL that would end after the latest date the clock can show"),
  /** Status and code are the rule's ({@code SyncApiFake.faults()}); {@link #status()} and {@link #code()} are 0. */
  INJECTED_FAULT(0, 0, "the status and code a faults() rule sets");

  private final int status;
  private final int code;
  private final String meaning;

  ErrorCase(int status, int code, String meaning) {
    this.status = status;
    this.code = code;
    this.meaning = meaning;
  }

  /** The HTTP status, e.g. 404; 0 for {@link #INJECTED_FAULT}, whose rule sets it. */
  public int status() {
    return status;
  }

  /** Twilio's error code in the body, e.g. 20404; 0 for {@link #INJECTED_FAULT}. */
  public int code() {
    return code;
  }

  /** When the fake answers with it, in a few words. */
  public String meaning() {
    return meaning;
  }
}
