package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import java.util.LinkedHashMap;
import java.util.Map;

/** Realistic Sync list-item webhook params for delivery tests. */
final class WebhookParams {
  static final String TOKEN = "12345678901234567890123456789012";
  static final String SERVICE = "IS" + "0".repeat(32);

  private WebhookParams() {}

  /** A {@code list_item_added} for list {@code listSid} carrying {@code EventId=eventId}. */
  static FormParams listItemAdded(String listSid, int eventId) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccountSid", "AC" + "0".repeat(32));
    p.put("ServiceSid", SERVICE);
    p.put("EventType", "list_item_added");
    p.put("Identity", "system");
    p.put("ListSid", listSid);
    p.put("ListUniqueName", "list-" + listSid);
    p.put("ItemIndex", Integer.toString(eventId));
    p.put("ItemData", "{\"n\":" + eventId + "}");
    p.put("EventId", Integer.toString(eventId));
    return FormParams.of(p);
  }

  static String listSid(int i) {
    return String.format("ES%032d", i);
  }
}
