package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.SyncStream;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import com.twilio.rest.sync.v1.service.syncstream.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seed's four "Common Patterns", in Java, against the fake. */
class SeedPatternsTest {
  final RecordingSink sink = new RecordingSink();
  SyncApiFake fake;
  TwilioRestClient client;
  String service;

  @BeforeEach
  void start() {
    fake = SyncApiFake.builder().webhookUrl("http://127.0.0.1:9/sync").webhooksFromRestEnabled(true).streamWebhooks(true)
        .webhookSink(sink).start();
    client = fake.twilioClient();
    service = fake.defaultServiceSid();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void callStateIsStoredThenReadAndReplacedAndExpiresAfterAnHour() {
    Document.creator(service).setUniqueName("call-CA123")
        .setData(Map.of("stage", "greeting", "selections", List.of())).setTtl(3600).create(client);

    @SuppressWarnings("unchecked")
    Map<String, Object> state = (Map<String, Object>) Document.fetcher(service, "call-CA123").fetch(client).getData();
    Map<String, Object> next = new HashMap<>(state);
    next.put("stage", "menu");
    next.put("selections", List.of("1"));
    Document.updater(service, "call-CA123").setData(next).update(client);
    assertThat(Document.fetcher(service, "call-CA123").fetch(client).getData())
        .isEqualTo(Map.of("stage", "menu", "selections", List.of("1")));

    fake.clock().advance(Duration.ofHours(1));
    assertThatThrownBy(() -> Document.fetcher(service, "call-CA123").fetch(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
    assertThat(sink.eventTypes()).containsExactly("document_created", "document_updated", "document_removed");
  }

  @Test
  void presenceMapItemGoesOfflineWhenItsTtlRunsOut() {
    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    SyncMapItem item = SyncMapItem.creator(service, "user-presence", "user-123",
        Map.of("status", "online", "device", "unknown")).setTtl(300).create(client);
    assertThat(item.getDateExpires()).isEqualTo(item.getDateCreated().plusMinutes(5));

    fake.clock().advance(Duration.ofMinutes(4));
    assertThat(SyncMapItem.fetcher(service, "user-presence", "user-123").fetch(client).getKey()).isEqualTo("user-123");

    fake.clock().advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> SyncMapItem.fetcher(service, "user-presence", "user-123").fetch(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    RecordingSink.Sent removed = sink.sent.get(sink.sent.size() - 1);
    assertThat(removed.eventType()).isEqualTo("map_item_removed");
    assertThat(removed.params().get("ItemKey")).isEqualTo("user-123");
    assertThat(removed.params().get("MapUniqueName")).isEqualTo("user-presence");
  }

  @Test
  void activityFeedReadsNewestFirstWithOrderDesc() {
    SyncList.creator(service).setUniqueName("activity-feed").create(client);
    for (int i = 0; i < 30; i++) {
      SyncListItem.creator(service, "activity-feed", Map.of("action", "a" + i)).setTtl(604800).create(client);
    }
    List<Object> recent = new ArrayList<>();
    SyncListItem.reader(service, "activity-feed").setOrder(SyncListItem.QueryResultOrder.DESC).limit(20)
        .read(client).forEach(i -> recent.add(((Map<?, ?>) i.getData()).get("action")));
    assertThat(recent).hasSize(20).startsWith("a29", "a28").endsWith("a10");
  }

  @Test
  void typingIndicatorIsPublishedOnAStream() {
    SyncStream stream = SyncStream.creator(service).setUniqueName("room-events").create(client);
    StreamMessage message = StreamMessage.creator(service, "room-events",
        Map.of("type", "typing", "userId", "u1", "roomId", "r1", "isTyping", true)).create(client);
    assertThat(message.getSid()).startsWith("TZ");

    RecordingSink.Sent published = sink.sent.get(sink.sent.size() - 1);
    assertThat(published.eventType()).isEqualTo("stream_message_published");
    assertThat(published.params().get("StreamSid")).isEqualTo(stream.getSid());
    assertThat(published.params().get("MessageSid")).isEqualTo(message.getSid());
    assertThat(published.params().get("MessageData")).contains("\"isTyping\":true");
  }
}
