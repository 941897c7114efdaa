package com.example.presence;

import com.twilio.exception.ApiException;

/**
 * Twilio Sync refused a presence write with HTTP 429 (too many requests), also when twilio-java's
 * HTTP client asked again. The caller decides what to do (a client heartbeat simply tries again at
 * its next tick); the cause is the SDK's {@link ApiException}.
 */
public final class PresenceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PresenceUnavailableException(String message, ApiException cause) {
    super(message, cause);
  }

  @Override
  public synchronized ApiException getCause() {
    return (ApiException) super.getCause();
  }
}
