package dev.syncwire.cli;

import dev.syncwire.harness.fake.WebhookDeliveryRecord;
import dev.syncwire.harness.fake.WebhookDeliveryRecord.Attempt;
import dev.syncwire.receiver.internal.recording.ConsoleStyle;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * {@code syncwire fake}'s line per webhook delivery, once it ended: what was sent, the answer's
 * status and latency (or why none came), and the URL, e.g.
 * {@code 12:00:00.123  webhook #3 map_item_added  -> 200 in 4 ms  http://127.0.0.1:3000/sync}.
 */
final class DeliveryLog implements Consumer<WebhookDeliveryRecord> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private final PrintWriter out;
  private final ConsoleStyle style;

  DeliveryLog(PrintWriter out, ConsoleStyle style) {
    this.out = out;
    this.style = style;
  }

  @Override
  public void accept(WebhookDeliveryRecord delivery) {
    String line = line(delivery, style, Instant.now());
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  static String line(WebhookDeliveryRecord d, ConsoleStyle style, Instant now) {
    String type = d.eventType() == null ? "(no EventType)" : d.eventType();
    Attempt last = d.lastAttempt().orElse(null);
    int attempts = d.attempts().size();
    String answer = switch (d.outcome()) {
      case DELIVERED -> style.green("-> " + last.status() + " in " + last.latency().toMillis() + " ms");
      case DROPPED -> style.yellow("-> dropped") + "  " + d.reason();
      case PENDING -> style.yellow("-> pending");
      case FAILED -> style.red("-> " + (last == null ? "not sent"
          : last.connectionFailed() ? last.error() : last.status() + " in " + last.latency().toMillis() + " ms"))
          + (attempts > 1 ? " (" + attempts + " attempts)" : "");
    };
    return style.dim(TIME.format(now)) + "  webhook #" + d.sequence() + " " + style.cyan(String.format("%-24s", type))
        + " " + answer + "  " + ConsoleStyle.printable(d.url());
  }
}
