package dev.syncwire.harness.check;

import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.fixtures.WireParam;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The requests check-handler sends, in order: every event type, then the cases a careful handler refuses or survives. */
final class CheckPlan {
  /** How a request is signed. */
  enum Signing { VALID, FORGED, NONE }

  /** What a careful handler does with the request. */
  enum Expectation {
    /** A valid event: 2xx, or Twilio counts the delivery as failed. */
    HANDLE,
    /** Forged or unsigned: anything but 2xx. */
    REFUSE,
    /** Broken or not what Twilio sends: 2xx or 4xx, never a crash. */
    SURVIVE
  }

  /** One request: its case, a short description, the parameters, how it is signed and with which idempotency token. */
  record Step(String caseName, String request, FormParams params, Signing signing,
      String idempotencyToken, Expectation expectation) {}

  // Each object's life in the order Twilio would send it, so a handler that keeps state sees a consistent world.
  private static final List<EventType> LIFECYCLE = List.of(
      EventType.DOCUMENT_CREATED, EventType.DOCUMENT_UPDATED, EventType.DOCUMENT_REMOVED,
      EventType.LIST_CREATED, EventType.LIST_ITEM_ADDED, EventType.LIST_ITEM_UPDATED, EventType.LIST_ITEM_REMOVED,
      EventType.LIST_REMOVED,
      EventType.MAP_CREATED, EventType.MAP_ITEM_ADDED, EventType.MAP_ITEM_UPDATED, EventType.MAP_ITEM_REMOVED,
      EventType.MAP_REMOVED,
      EventType.STREAM_MESSAGE_PUBLISHED, EventType.ENDPOINT_CONNECTED, EventType.ENDPOINT_DISCONNECTED);

  private CheckPlan() {}

  static List<Step> steps(boolean seedDialect) {
    List<Step> steps = new ArrayList<>();
    for (EventType type : everyType()) {
      steps.add(valid("event", type.wireName(), lifecycle(type, Dialect.REAL).build(), Expectation.HANDLE));
    }
    if (seedDialect) {
      for (EventType type : everyType()) {
        if (type.seedName().isPresent()) {
          // The seed's names are not Twilio's: a handler may refuse them (4xx), but must not crash.
          steps.add(valid("seed-dialect", type.seedName().get() + " (seed's names)",
              lifecycle(type, Dialect.SEED).build(), Expectation.SURVIVE));
        }
      }
    }
    steps.add(new Step("bad-signature", "document_created, X-Twilio-Signature forged",
        Webhooks.documentCreated().document("check-handler-forged").revision("0").build(), Signing.FORGED, token(),
        Expectation.REFUSE));
    steps.add(new Step("no-signature", "document_created, no X-Twilio-Signature",
        Webhooks.documentCreated().document("check-handler-unsigned").revision("0").build(), Signing.NONE, token(),
        Expectation.REFUSE));
    steps.add(valid("missing-param", "map_item_removed without ItemKey (required)",
        Webhooks.mapItemRemoved().map("check-handler-missing").remove(WireParam.ITEM_KEY).build(), Expectation.SURVIVE));

    FormParams redelivered = Webhooks.documentCreated().document("check-handler-redelivery").revision("0").build();
    String sameToken = token();
    steps.add(new Step("redelivery", "document_created", redelivered, Signing.VALID,
        sameToken, Expectation.HANDLE));
    steps.add(new Step("redelivery", "document_created again, same I-Twilio-Idempotency-Token",
        redelivered, Signing.VALID, sameToken, Expectation.HANDLE));

    String order = "check-handler-order";
    steps.add(valid("out-of-order", "map_created", Webhooks.mapCreated().map(order).revision("0").build(), Expectation.HANDLE));
    steps.add(valid("out-of-order", "map_item_updated EventId=2, before EventId=1",
        Webhooks.mapItemUpdated().map(order).key("user-123").eventId(2).itemRevision("1").revision("2")
            .data("{\"status\":\"away\",\"lastSeen\":\"2026-01-01T00:01:00Z\",\"device\":\"web\"}").build(),
        Expectation.HANDLE));
    steps.add(valid("out-of-order", "map_item_added EventId=1, after EventId=2",
        Webhooks.mapItemAdded().map(order).key("user-123").eventId(1).itemRevision("0").revision("1").build(),
        Expectation.HANDLE));

    String gone = "check-handler-gone";
    steps.add(valid("removed-after-gone", "map_created", Webhooks.mapCreated().map(gone).revision("0").build(),
        Expectation.HANDLE));
    steps.add(valid("removed-after-gone", "map_item_added EventId=1",
        Webhooks.mapItemAdded().map(gone).key("user-123").eventId(1).itemRevision("0").revision("1").build(),
        Expectation.HANDLE));
    steps.add(valid("removed-after-gone", "map_removed", Webhooks.mapRemoved().map(gone).revision("1").build(),
        Expectation.HANDLE));
    steps.add(valid("removed-after-gone", "map_item_removed EventId=2, after map_removed",
        Webhooks.mapItemRemoved().map(gone).key("user-123").eventId(2).itemRevision("0").revision("2").build(),
        Expectation.HANDLE));
    return steps;
  }

  /** Every event type, in {@link #LIFECYCLE} order; a type added to the table later comes last rather than never. */
  static List<EventType> everyType() {
    List<EventType> types = new ArrayList<>(LIFECYCLE);
    Set<EventType> rest = EnumSet.allOf(EventType.class);
    rest.removeAll(LIFECYCLE);
    types.addAll(rest);
    return types;
  }

  /** The type's fixture on the seed's objects, with revisions and EventIds that move as Twilio's do (lowercase hex). */
  private static WebhookBuilder lifecycle(EventType type, Dialect dialect) {
    WebhookBuilder b = Webhooks.of(type).dialect(dialect);
    switch (type) {
      case DOCUMENT_CREATED, LIST_CREATED, MAP_CREATED -> b.revision("0");
      case DOCUMENT_UPDATED, DOCUMENT_REMOVED -> b.revision("1");
      case LIST_ITEM_ADDED, MAP_ITEM_ADDED -> b.eventId(1).itemRevision("0").revision("1");
      case LIST_ITEM_UPDATED, MAP_ITEM_UPDATED -> b.eventId(2).itemRevision("1").revision("2");
      case LIST_ITEM_REMOVED, MAP_ITEM_REMOVED -> b.eventId(3).itemRevision("1").revision("3");
      case LIST_REMOVED, MAP_REMOVED -> b.revision("3");
      default -> { }
    }
    return b;
  }

  private static Step valid(String caseName, String request, FormParams params, Expectation expectation) {
    return new Step(caseName, request, params, Signing.VALID, token(), expectation);
  }

  private static String token() {
    return UUID.randomUUID().toString();
  }
}
