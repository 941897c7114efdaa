package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.Webhooks;

/** Realistic Sync list-item webhooks for delivery tests, from the fixtures builders. */
final class DeliveryFixtures {
  static final String TOKEN = "12345678901234567890123456789012";
  static final String SERVICE = "IS" + "0".repeat(32);

  private DeliveryFixtures() {}

  /** A {@code list_item_added} for list {@code listSid} carrying {@code EventId=eventId}. */
  static FormParams listItemAdded(String listSid, int eventId) {
    return Webhooks.listItemAdded()
        .serviceSid(SERVICE)
        .objectSid(listSid)
        .list("list-" + listSid)
        .index(eventId)
        .data("{\"n\":" + eventId + "}")
        .eventId(eventId)
        .build();
  }

  static String listSid(int i) {
    return String.format("ES%032d", i);
  }
}
