package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncStream;
import com.twilio.rest.sync.v1.service.syncstream.StreamMessage;
import dev.syncwire.fixtures.FormParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stream_message_published} is off by default: nothing shows Twilio posting it to a
 * webhook_url (shared/contracts, update of 2026-12-05). The switch turns it on, without the
 * unsourced {@code StreamUniqueName}. Driven by the official twilio-java SDK.
 */
class StreamWebhooksTest {
  static final String HOOK = "http://127.0.0.1:9/sync-hook";

  @Test
  void aStreamMessageFiresNoWebhookByDefault() {
    RecordingSink sink = new RecordingSink();
    try (SyncApiFake fake = SyncApiFake.builder().webhookUrl(HOOK).webhooksFromRestEnabled(true).webhookSink(sink).start()) {
      TwilioRestClient client = fake.twilioClient();
      String service = fake.defaultServiceSid();
      SyncStream.creator(service).setUniqueName("room-events").create(client);
      StreamMessage message = StreamMessage.creator(service, "room-events", Map.of("isTyping", true)).create(client);
      Document.creator(service).setUniqueName("after").create(client); // a webhook that does fire, as a marker

      assertThat(message.getSid()).startsWith("TZ");
      assertThat(sink.eventTypes()).containsExactly("document_created");
    }
  }

  @Test
  void theSwitchTurnsThemOnWithStreamSidAndNoUniqueName() {
    RecordingSink sink = new RecordingSink();
    try (SyncApiFake fake = SyncApiFake.builder().webhookUrl(HOOK).webhooksFromRestEnabled(true).streamWebhooks(true)
        .webhookSink(sink).start()) {
      TwilioRestClient client = fake.twilioClient();
      String service = fake.defaultServiceSid();
      SyncStream stream = SyncStream.creator(service).setUniqueName("room-events").create(client);
      StreamMessage message = StreamMessage.creator(service, "room-events", Map.of("isTyping", true)).create(client);

      assertThat(sink.eventTypes()).containsExactly("stream_message_published");
      FormParams params = sink.sent.get(0).params();
      assertThat(params.toMultiMap().keySet()).containsExactly("AccountSid", "ServiceSid", "EventType", "Identity",
          "StreamSid", "MessageSid", "MessageData");
      assertThat(params.get("StreamSid")).isEqualTo(stream.getSid());
      assertThat(params.get("MessageSid")).isEqualTo(message.getSid());
      assertThat(params.get("MessageData")).isEqualTo("{\"isTyping\":true}");
    }
  }
}
