package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link WebhookDeliveryRecord} as the control API shows it (names in lower case, times ISO-8601, latency in ms). */
final class DeliveryJson {
  private DeliveryJson() {}

  /**
   * One delivery. {@code params}: each name to its value, or to an array of values when the name
   * repeats. {@code status} of an attempt is null when no response arrived.
   */
  record Delivery(long sequence, String url, String eventType, Map<String, Object> params, String idempotencyToken,
      String createdAt, String fault, String outcome, String reason, List<Attempt> attempts) {}

  record Attempt(String startedAt, Integer status, String body, long latencyMillis, String error) {}

  static List<Delivery> all(List<WebhookDeliveryRecord> records) {
    List<Delivery> out = new ArrayList<>(records.size());
    records.forEach(r -> out.add(of(r)));
    return out;
  }

  static Delivery of(WebhookDeliveryRecord r) {
    List<Attempt> attempts = new ArrayList<>(r.attempts().size());
    for (WebhookDeliveryRecord.Attempt a : r.attempts()) {
      attempts.add(new Attempt(a.startedAt().toString(), a.connectionFailed() ? null : a.status(), a.body(),
          a.latency().toMillis(), a.error()));
    }
    return new Delivery(r.sequence(), r.url(), r.eventType(), params(r.params()), r.idempotencyToken(),
        r.createdAt().toString(), lower(r.fault()), lower(r.outcome()), r.reason(), attempts);
  }

  private static Map<String, Object> params(FormParams params) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.toMultiMap().forEach((name, values) -> out.put(name, values.size() == 1 ? values.get(0) : values));
    return out;
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
