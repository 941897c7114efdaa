package dev.syncwire.harness.fake;

import dev.syncwire.harness.fake.WebhookDeliveryRecord.Outcome;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The tests' wait for deliveries: production code only ever waits for quiet ({@link WebhookDelivery#awaitQuiet}). */
final class DeliveredWait {
  private DeliveredWait() {}

  /**
   * Waits until at least {@code count} deliveries are {@code DELIVERED}.
   *
   * @return every delivery so far
   * @throws AssertionError naming what was expected and listing every delivery, on time-out
   */
  static List<WebhookDeliveryRecord> awaitDelivered(WebhookDelivery delivery, int count, Duration timeout) {
    try {
      Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
          .until(() -> delivered(delivery.deliveries()) >= count);
      return delivery.deliveries();
    } catch (ConditionTimeoutException e) {
      List<WebhookDeliveryRecord> all = delivery.deliveries();
      StringBuilder sb = new StringBuilder()
          .append("expected ").append(count).append(" webhook(s) DELIVERED within ").append(timeout)
          .append(" but ").append(delivered(all)).append(" were, of ").append(all.size()).append(" sent:");
      all.forEach(d -> sb.append("\n  ").append(d));
      throw new AssertionError(sb.toString());
    }
  }

  private static long delivered(List<WebhookDeliveryRecord> all) {
    return all.stream().filter(d -> d.outcome() == Outcome.DELIVERED).count();
  }
}
