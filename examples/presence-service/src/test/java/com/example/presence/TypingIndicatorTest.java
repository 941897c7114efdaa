package com.example.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@SyncWireTest
class TypingIndicatorTest {
  @Test
  void typingPublishesAStreamMessage(TwilioRestClient client, @SyncServiceSid String serviceSid, SyncEvents events) {
    String messageSid = new TypingIndicator(client, serviceSid).publish("room-7", "user-123", true);

    SyncEvent published = events.await().type(EventType.STREAM_MESSAGE_PUBLISHED).object("room-events")
        .data("userId", "user-123").data("isTyping", true).within(Duration.ofSeconds(2));
    assertThat(published.params().get("MessageSid")).isEqualTo(messageSid);
  }
}
