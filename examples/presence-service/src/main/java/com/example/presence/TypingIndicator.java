package com.example.presence;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.syncstream.StreamMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * "Alice is typing...": ephemeral messages on the Sync stream {@code room-events}. Stream messages
 * are not stored, so there is nothing to read back or to expire.
 */
public final class TypingIndicator {
  /** The stream's unique name. */
  public static final String STREAM = "room-events";

  private final TwilioRestClient client;
  private final String serviceSid;
  private final SyncCollection stream;

  public TypingIndicator(TwilioRestClient client, String serviceSid) {
    this.client = Objects.requireNonNull(client, "client");
    this.serviceSid = Objects.requireNonNull(serviceSid, "serviceSid");
    this.stream = new SyncCollection(client, serviceSid, SyncCollection.Kind.STREAM, STREAM);
  }

  /** Tells everyone in {@code roomId} whether {@code userId} is typing; returns the message SID ({@code TZ...}). */
  public String publish(String roomId, String userId, boolean isTyping) {
    stream.ensureExists();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", "typing");
    data.put("userId", Objects.requireNonNull(userId, "userId"));
    data.put("roomId", Objects.requireNonNull(roomId, "roomId"));
    data.put("isTyping", isTyping);
    return StreamMessage.creator(serviceSid, STREAM, data).create(client).getSid();
  }
}
