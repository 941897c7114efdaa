package com.example.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncStream;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

// Stream webhooks are off by default (nothing shows Twilio sending them); this test turns them on.
@SyncWireTest(streamWebhooks = true)
class TypingIndicatorTest {
  @Test
  void typingPublishesAStreamMessage(TwilioRestClient client, @SyncServiceSid String serviceSid, SyncEvents events) {
    String messageSid = new TypingIndicator(client, serviceSid).publish("room-7", "user-123", true);

    // the webhook names the stream by SID only
    String stream = SyncStream.fetcher(serviceSid, TypingIndicator.STREAM).fetch(client).getSid();
    SyncEvent published = events.await().type(EventType.STREAM_MESSAGE_PUBLISHED).object(stream)
        .data("userId", "user-123").data("isTyping", true).within(Duration.ofSeconds(2));
    assertThat(published.params().get("MessageSid")).isEqualTo(messageSid);
  }
}
