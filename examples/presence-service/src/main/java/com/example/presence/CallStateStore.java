package com.example.presence;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.Document;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Multi-step call state across voice webhooks: one Sync document {@code call-<CallSid>} per call,
 * deleted by Sync an hour after it was created.
 */
public final class CallStateStore {
  /** A call's state lives this long. */
  public static final int TTL_SECONDS = 3600;
  private static final int MAX_ATTEMPTS = 3;

  private final TwilioRestClient client;
  private final String serviceSid;
  private final Clock clock;

  public CallStateStore(TwilioRestClient client, String serviceSid) {
    this(client, serviceSid, Clock.systemUTC());
  }

  public CallStateStore(TwilioRestClient client, String serviceSid, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.serviceSid = Objects.requireNonNull(serviceSid, "serviceSid");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The document's unique name for a call. */
  public static String documentName(String callSid) {
    return "call-" + callSid;
  }

  /**
   * Starts a call at stage {@code greeting}. Twilio retries a voice webhook that timed out, so the
   * call may already have started: then (54301, the name is taken) its current state is returned.
   */
  public CallState start(String callSid) {
    CallState initial = new CallState("greeting", List.of(), clock.instant().toString());
    try {
      Document.creator(serviceSid).setUniqueName(documentName(callSid)).setData(toData(initial))
          .setTtl(TTL_SECONDS).create(client);
      return initial;
    } catch (ApiException e) {
      if (!SyncErrors.is(e, SyncErrors.UNIQUE_NAME_EXISTS)) {
        throw e;
      }
      return read(callSid).orElseThrow(() -> e); // it existed a moment ago and has just expired: rare
    }
  }

  /**
   * Moves the call to {@code stage}, appending {@code digits} (when not null) to its selections.
   *
   * <p>The notes' version reads, then writes the whole document back: two webhooks of one call
   * arriving together lose one of the selections. This one sends the revision it read as
   * {@code If-Match}; on 412 (20412, someone wrote in between) it reads again and reapplies.
   *
   * @throws IllegalStateException when the call has no state (never started, or expired after an hour)
   */
  public CallState advance(String callSid, String stage, String digits) {
    for (int attempt = 1; ; attempt++) {
      Document doc = fetch(callSid).orElseThrow(() -> new IllegalStateException(
          "No state for call " + callSid + ": it was never started, or expired " + TTL_SECONDS + " s after it was"));
      CallState current = fromData(doc.getData());
      List<String> selections = new ArrayList<>(current.selections());
      if (digits != null) {
        selections.add(digits);
      }
      CallState next = new CallState(stage, selections, current.startTime());
      try {
        Document.updater(serviceSid, documentName(callSid)).setData(toData(next)).setIfMatch(doc.getRevision())
            .update(client);
        return next;
      } catch (ApiException e) {
        if (!SyncErrors.is(e, SyncErrors.PRECONDITION_FAILED) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The call's state, or empty when it has none (never started, or expired). */
  public Optional<CallState> read(String callSid) {
    return fetch(callSid).map(doc -> fromData(doc.getData()));
  }

  private Optional<Document> fetch(String callSid) {
    try {
      return Optional.of(Document.fetcher(serviceSid, documentName(callSid)).fetch(client));
    } catch (ApiException e) {
      if (SyncErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Map<String, Object> toData(CallState state) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("stage", state.stage());
    data.put("selections", state.selections());
    data.put("startTime", state.startTime());
    return data;
  }

  /** twilio-java hands document data over as an Object: a Map parsed from JSON. */
  private static CallState fromData(Object documentData) {
    Map<?, ?> data = documentData instanceof Map<?, ?> m ? m : Map.of();
    List<String> selections = new ArrayList<>();
    if (data.get("selections") instanceof List<?> list) {
      list.forEach(s -> selections.add(String.valueOf(s)));
    }
    return new CallState(String.valueOf(data.get("stage")), selections, (String) data.get("startTime"));
  }
}
