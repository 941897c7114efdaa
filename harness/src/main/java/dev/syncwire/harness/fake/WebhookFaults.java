package dev.syncwire.harness.fake;

import dev.syncwire.harness.fake.WebhookDeliveryRecord.Fault;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scripted faults for the fake's outgoing webhooks: what a receiver sees when Twilio drops,
 * delays, redelivers or reorders events. Faults queue up in the order you arm them and each one
 * applies to the next deliveries, one fault per delivery: {@code dropNext(1).delayNext(2, d)} drops
 * the next webhook and delays the two after it. Every affected delivery is recorded with its
 * {@link WebhookDeliveryRecord#fault()}.
 *
 * <pre>{@code
 * fake.webhookFaults()
 *     .dropNext(1)                             // never sent, recorded DROPPED
 *     .delayNext(1, Duration.ofSeconds(2))     // sent 2 s late; other objects are not held up
 *     .duplicateNext(1)                        // sent twice, same body, signature and idempotency token
 *     .reorderNext(3);                         // next 3 events of one object arrive newest first
 * }</pre>
 *
 * <p>Thread-safe. {@link #clear()} disarms everything and releases any deliveries held for
 * reordering.
 */
public final class WebhookFaults {
  private final Object lock = new Object();
  private final ArrayDeque<Entry> script = new ArrayDeque<>();
  private final Runnable onClear;

  WebhookFaults(Runnable onClear) {
    this.onClear = Objects.requireNonNull(onClear, "onClear");
  }

  /** The next {@code n} webhooks are not sent at all, and recorded {@code DROPPED}. */
  public WebhookFaults dropNext(int n) {
    return arm(new Entry(Fault.DROP, atLeast(1, n, "dropNext"), Duration.ZERO));
  }

  /**
   * The next {@code n} webhooks each wait {@code delay} before their first attempt. Later webhooks
   * for the same object wait behind them (order per object holds); other objects do not.
   */
  public WebhookFaults delayNext(int n, Duration delay) {
    Objects.requireNonNull(delay, "delayNext(n, delay): delay is null; pass e.g. Duration.ofMillis(500)");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          "delayNext(n, delay) needs a delay of zero or more, got " + delay);
    }
    if (delay.compareTo(Faults.MAX_DELAY) > 0) {
      throw new IllegalArgumentException("delayNext(n, delay) needs a delay of at most " + Faults.MAX_DELAY + ", got " + delay);
    }
    return arm(new Entry(Fault.DELAY, atLeast(1, n, "delayNext"), delay));
  }

  /**
   * The next {@code n} webhooks, once delivered, are sent a second time: same body, same
   * {@code X-Twilio-Signature}, same {@code I-Twilio-Idempotency-Token}, as a Twilio redelivery
   * looks.
   */
  public WebhookFaults duplicateNext(int n) {
    return arm(new Entry(Fault.DUPLICATE, atLeast(1, n, "duplicateNext"), Duration.ZERO));
  }

  /**
   * The next {@code n} webhooks of one object (the object of the first one to come) are held
   * until all {@code n} exist, then sent newest first. Other objects pass meanwhile. Held
   * webhooks stay {@code PENDING} until the group fills, {@link #clear()} or close.
   */
  public WebhookFaults reorderNext(int n) {
    return arm(new Entry(Fault.REORDER, atLeast(2, n, "reorderNext"), Duration.ZERO));
  }

  /**
   * One fault still armed: what it does, to how many more webhooks, and the delay for
   * {@code DELAY} (zero otherwise).
   */
  public record Armed(Fault fault, int remaining, Duration delay) {}

  /** The faults not yet used up, in the order they apply. */
  public List<Armed> armed() {
    synchronized (lock) {
      List<Armed> out = new ArrayList<>(script.size());
      script.forEach(e -> out.add(new Armed(e.fault, e.remaining, e.delay)));
      return out;
    }
  }

  /** Disarms every fault not yet applied and sends any webhooks held for reordering. */
  public WebhookFaults clear() {
    disarm();
    return this;
  }

  /** {@link #clear()}, saying how many faults were still armed. */
  int disarm() {
    int cleared;
    synchronized (lock) {
      cleared = script.size();
      script.clear();
    }
    onClear.run();
    return cleared;
  }

  /** The fault for the next webhook, of object {@code orderingKey}; consumes it. */
  Assignment assign(String orderingKey) {
    synchronized (lock) {
      Entry head = script.peek();
      if (head == null) {
        return Assignment.NONE;
      }
      if (head.fault == Fault.REORDER) {
        if (head.orderingKey == null) {
          head.orderingKey = orderingKey;
        } else if (!head.orderingKey.equals(orderingKey)) {
          return Assignment.NONE;
        }
      }
      head.remaining--;
      if (head.remaining == 0) {
        script.poll();
      }
      return new Assignment(head.fault, head.delay, head, head.remaining == 0);
    }
  }

  private WebhookFaults arm(Entry armed) {
    synchronized (lock) {
      script.add(armed);
    }
    return this;
  }

  private static int atLeast(int min, int n, String method) {
    if (n < min) {
      throw new IllegalArgumentException(
          method + "(n) needs n >= " + min + ", got " + n
              + (min > 1 ? ": fewer cannot change the order" : ""));
    }
    return n;
  }

  /**
   * What one webhook gets. For {@code REORDER}, {@code group} identifies the held group and
   * {@code last} says this webhook fills it.
   */
  record Assignment(Fault fault, Duration delay, Object group, boolean last) {
    static final Assignment NONE = new Assignment(Fault.NONE, Duration.ZERO, null, false);
  }

  private static final class Entry {
    final Fault fault;
    final Duration delay;
    int remaining;
    String orderingKey;

    Entry(Fault fault, int remaining, Duration delay) {
      this.fault = fault;
      this.remaining = remaining;
      this.delay = delay;
    }
  }
}
