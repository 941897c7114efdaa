package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.fixtures.WireParam;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that says which form parameters each event carries (contracts README sections 1
 * and 2). Names come from fixtures ({@link EventType#wireName()}, {@link ObjectType}, {@link
 * WireParam}); a correction from a real capture is a change here only.
 *
 * <p>Every event: AccountSid, ServiceSid, EventType, Identity={@code system} (REST-made), no
 * EndpointId. Object events add {@code <Type>Sid}, {@code <Type>UniqueName} (when set), {@code
 * <Type>Revision}; document events add DocumentData except on removal. Item events add {@code
 * <Type>Sid}, {@code <Type>UniqueName}, ItemIndex or ItemKey, ItemData, ItemRevision, EventId. Stream
 * messages add StreamSid, StreamUniqueName, MessageSid, MessageData.
 */
final class WebhookParams {
  static final String REST_IDENTITY = "system";

  private WebhookParams() {}

  /** document_*, list_created/removed, map_created/removed. */
  static FormParams forObject(String accountSid, String serviceSid, EventType event, SyncObject object) {
    List<FormParams.Param> p = common(accountSid, serviceSid, event);
    ObjectType type = object.type;
    p.add(new FormParams.Param(type.sidParam(), object.sid));
    if (object.uniqueName != null) {
      p.add(new FormParams.Param(type.uniqueNameParam(), object.uniqueName));
    }
    p.add(new FormParams.Param(type.revisionParam(), Long.toString(object.revision)));
    if (type == ObjectType.DOCUMENT && !event.removal()) {
      p.add(new FormParams.Param(WireParam.DOCUMENT_DATA, Json.text(object.data)));
    }
    return FormParams.of(p);
  }

  /** list_item_* and map_item_*; {@code eventId} is the object's item event sequence number. */
  static FormParams forItem(
      String accountSid, String serviceSid, EventType event, SyncObject object, SyncItem item, long eventId) {
    List<FormParams.Param> p = common(accountSid, serviceSid, event);
    ObjectType type = object.type;
    p.add(new FormParams.Param(type.sidParam(), object.sid));
    if (object.uniqueName != null) {
      p.add(new FormParams.Param(type.uniqueNameParam(), object.uniqueName));
    }
    if (type == ObjectType.LIST) {
      p.add(new FormParams.Param(WireParam.ITEM_INDEX, Integer.toString(item.index)));
    } else {
      p.add(new FormParams.Param(WireParam.ITEM_KEY, item.key));
    }
    p.add(new FormParams.Param(WireParam.ITEM_DATA, Json.text(item.data)));
    p.add(new FormParams.Param(WireParam.ITEM_REVISION, Long.toString(item.revision)));
    p.add(new FormParams.Param(WireParam.EVENT_ID, Long.toString(eventId)));
    return FormParams.of(p);
  }

  /** stream_message_published (the seed's name; real Twilio may not send it at all). */
  static FormParams forStreamMessage(
      String accountSid, String serviceSid, SyncObject stream, String messageSid, String messageData) {
    List<FormParams.Param> p = common(accountSid, serviceSid, EventType.STREAM_MESSAGE_PUBLISHED);
    p.add(new FormParams.Param(ObjectType.STREAM.sidParam(), stream.sid));
    if (stream.uniqueName != null) {
      p.add(new FormParams.Param(ObjectType.STREAM.uniqueNameParam(), stream.uniqueName));
    }
    p.add(new FormParams.Param(WireParam.MESSAGE_SID, messageSid));
    p.add(new FormParams.Param(WireParam.MESSAGE_DATA, messageData));
    return FormParams.of(p);
  }

  private static List<FormParams.Param> common(String accountSid, String serviceSid, EventType event) {
    List<FormParams.Param> p = new ArrayList<>(12);
    p.add(new FormParams.Param(WireParam.ACCOUNT_SID, accountSid));
    p.add(new FormParams.Param(WireParam.SERVICE_SID, serviceSid));
    p.add(new FormParams.Param(WireParam.EVENT_TYPE, event.wireName()));
    p.add(new FormParams.Param(WireParam.IDENTITY, REST_IDENTITY));
    return p;
  }
}
