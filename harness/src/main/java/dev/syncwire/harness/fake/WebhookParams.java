package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncContract;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.Webhooks;

/**
 * What the fake sends for each change, built by the fixtures' {@link WebhookBuilder} so the fake,
 * the fixtures and the receiver's rules share one table of names ({@link SyncContract}).
 *
 * <p>Every event: AccountSid, ServiceSid, EventType, Identity={@code system} (REST-made), no
 * EndpointId. Object events add {@code <Type>Sid}, {@code <Type>UniqueName} (when set), {@code
 * <Type>Revision}; document events add DocumentData except on removal. Item events add {@code
 * <Type>Sid}, {@code <Type>UniqueName}, ItemIndex or ItemKey, ItemData (the removed data on removal),
 * ItemRevision, MapRevision (maps only), EventId. Stream messages (only with {@code streamWebhooks} on) add StreamSid, MessageSid,
 * MessageData: no StreamUniqueName, which no source shows.
 */
final class WebhookParams {
  static final String REST_IDENTITY = "system";

  private WebhookParams() {}

  /** document_*, list_created/removed, map_created/removed. */
  static FormParams forObject(String accountSid, String serviceSid, EventType event, SyncObject object) {
    return base(accountSid, serviceSid, event, object)
        .revision(Revision.text(object.revision))
        .data(object.data == null ? null : Json.text(object.data))
        .build();
  }

  /** list_item_* and map_item_*; {@code eventId} is the object's item event sequence number. */
  static FormParams forItem(
      String accountSid, String serviceSid, EventType event, SyncObject object, SyncItem item, long eventId) {
    WebhookBuilder builder = base(accountSid, serviceSid, event, object)
        .data(Json.text(item.data))
        .itemRevision(Revision.text(item.revision))
        .revision(Revision.text(object.revision)) // MapRevision on map item events; lists carry no ListRevision
        .eventId(eventId);
    return (item.key != null ? builder.key(item.key) : builder.index(item.index)).build();
  }

  /** stream_message_published (the seed's name; no source shows real Twilio sending it). */
  static FormParams forStreamMessage(
      String accountSid, String serviceSid, SyncObject stream, String messageSid, String messageData) {
    return base(accountSid, serviceSid, EventType.STREAM_MESSAGE_PUBLISHED, stream)
        .messageSid(messageSid)
        .data(messageData)
        .build();
  }

  private static WebhookBuilder base(String accountSid, String serviceSid, EventType event, SyncObject object) {
    return Webhooks.of(event)
        .accountSid(accountSid)
        .serviceSid(serviceSid)
        .identity(REST_IDENTITY)
        .objectSid(object.sid)
        .object(object.uniqueName)
        .key(null);
  }
}
