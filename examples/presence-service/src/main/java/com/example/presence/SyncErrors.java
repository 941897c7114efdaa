package com.example.presence;

import com.twilio.exception.ApiException;

/** The Twilio error codes this app reacts to, as the Sync REST API really sends them. */
final class SyncErrors {
  /** Any missing Sync object or item (HTTP 404). */
  static final int NOT_FOUND = 20404;
  /** If-Match did not match the current revision (HTTP 412). */
  static final int PRECONDITION_FAILED = 20412;
  /** Too many requests (HTTP 429): Sync limits writes per object and per service. */
  static final int TOO_MANY_REQUESTS = 20429;
  /** A map item with this key already exists (HTTP 409). */
  static final int MAP_ITEM_EXISTS = 54208;
  /** A document, list, map or stream with this unique name already exists (HTTP 409). */
  static final int UNIQUE_NAME_EXISTS = 54301;

  private SyncErrors() {}

  static boolean is(ApiException e, int code) {
    return e.getCode() != null && e.getCode() == code;
  }

  static boolean isNotFound(ApiException e) {
    return is(e, NOT_FOUND) || (e.getCode() == null && Integer.valueOf(404).equals(e.getStatusCode()));
  }

  static boolean isRateLimited(ApiException e) {
    return Integer.valueOf(429).equals(e.getStatusCode()) || is(e, TOO_MANY_REQUESTS);
  }
}
