package dev.syncwire.harness.junit;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.fake.WebhookDeliveryRecord;
import dev.syncwire.receiver.ReplyPolicy;
import dev.syncwire.receiver.SyncReceiver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which of a test's fake webhooks failed to deliver without the test asking for it, in words. */
final class UndeliveredWebhooks {
  private static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

  private UndeliveredWebhooks() {}

  /** The failure message, or null when every finished delivery of the test arrived or was meant to fail. */
  static String describe(SyncApiFake fake, SyncReceiver receiver, SyncWireExtension.TestScope scope) {
    List<WebhookDeliveryRecord> failed = fake.webhookDeliveries().stream()
        .filter(d -> d.sequence() > scope.deliveriesBefore())
        .filter(d -> d.outcome() == WebhookDeliveryRecord.Outcome.FAILED)
        .filter(d -> d.params().get("ServiceSid") == null || scope.serviceSid().equals(d.params().get("ServiceSid")))
        .toList();
    if (failed.isEmpty()) {
      return null;
    }
    Set<String> scripted = scriptedTokens(receiver);
    List<WebhookDeliveryRecord> unasked = failed.stream()
        .filter(d -> d.idempotencyToken() == null || !scripted.contains(d.idempotencyToken()))
        .toList();
    if (unasked.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(unasked.size() + " webhook(s) the fake sent during this test were not"
        + " delivered to " + receiver.webhookUrl() + ":");
    unasked.forEach(d -> sb.append("\n  ").append(d));
    sb.append("\nThe receiver's /api/events shows why it refused any it received. If the test expects this,"
        + " annotate it @AllowUndeliveredWebhooks or set @SyncWireTest(failOnUndeliveredWebhooks = false).");
    return sb.toString();
  }

  /** Idempotency tokens of deliveries the receiver answered by its reply policy: the test asked for those. */
  private static Set<String> scriptedTokens(SyncReceiver receiver) {
    Set<String> tokens = new HashSet<>();
    for (SyncEvent event : receiver.events().all()) {
      if (event.errors().stream().anyMatch(v -> v.rule().equals(ReplyPolicy.NOTE_RULE))) {
        String token = event.request().header(IDEMPOTENCY_HEADER);
        if (token != null) {
          tokens.add(token);
        }
      }
    }
    return tokens;
  }
}
