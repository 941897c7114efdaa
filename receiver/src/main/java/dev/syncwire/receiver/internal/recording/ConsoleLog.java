package dev.syncwire.receiver.internal.recording;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.internal.forward.Forward;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One line per event for a person watching the terminal: time, id, status, type, object/item,
 * signature verdict and a short preview of the data; coloured on a terminal. Counts what it printed
 * and, on {@link #printSummary()}, says how many of each type and status arrived.
 */
public final class ConsoleLog implements Consumer<SyncEvent> {
  /** The longest data preview on an event line. */
  static final int PREVIEW_CHARS = 60;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private final PrintStream out;
  private final ConsoleStyle style;
  // Guarded by this: type (real name, or what arrived) -> status -> count, for the summary.
  private final Map<String, Map<EventStatus, Integer>> counts = new TreeMap<>();

  public ConsoleLog(PrintStream out) {
    this(out, ConsoleStyle.of(false));
  }

  public ConsoleLog(PrintStream out, ConsoleStyle style) {
    this.out = out;
    this.style = style;
  }

  @Override
  public void accept(SyncEvent e) {
    synchronized (this) {
      counts.computeIfAbsent(summaryType(e), t -> new EnumMap<>(EventStatus.class)).merge(e.status(), 1, Integer::sum);
    }
    out.println(line(e, style));
  }

  /** One line per forward attempt, under its event's: {@code   #12 -> 200 12 ms  http://127.0.0.1:3000/sync}. */
  public void forwarded(SyncEvent e, Forward f) {
    out.println(forwardLine(e, f, style));
  }

  static String forwardLine(SyncEvent e, Forward f, ConsoleStyle style) {
    String outcome = f.status() != null ? f.status() + " " + f.latencyMs() + " ms" : ConsoleStyle.printable(f.error());
    boolean ok = f.status() != null && f.status() >= 200 && f.status() < 300;
    return "  #" + e.id() + " -> " + (ok ? style.green(outcome) : style.red(outcome)) + "  " + f.url()
        + (f.replay() ? "  (replay)" : "");
  }

  static String line(SyncEvent e, ConsoleStyle style) {
    String type = e.eventType() == null ? "(no EventType)" : ConsoleStyle.printable(e.eventType());
    if (e.canonicalType() != null && !e.canonicalType().wireName().equals(type)) {
      type = type + " (" + e.canonicalType().wireName() + ")";
    }
    String object = e.objectName() != null ? e.objectName() : e.objectSid() != null ? e.objectSid() : "-";
    String item = e.itemKey() != null ? "/" + e.itemKey() : e.itemIndex() != null ? "/" + e.itemIndex() : "";
    StringBuilder sb = new StringBuilder()
        .append(style.dim(TIME.format(e.receivedAt()))).append("  #").append(e.id()).append("  ")
        .append(status(e.status(), style)).append(' ')
        .append(style.cyan(String.format("%-28s", type))).append(' ')
        .append(ConsoleStyle.printable(object + item))
        .append("  ").append(signature(e.signature(), style));
    if (e.duplicateOf() != null) {
      sb.append("  redelivery of #").append(e.duplicateOf());
    }
    String data = e.webhook().dataText();
    if (data != null && !data.isEmpty()) {
      sb.append("  ").append(style.dim(ConsoleStyle.preview(data, PREVIEW_CHARS)));
    }
    if (!e.errors().isEmpty()) {
      String first = ConsoleStyle.printable(e.errors().get(0).message());
      sb.append("\n    ").append(e.status() == EventStatus.REJECTED ? style.red(first) : style.yellow(first));
      if (e.errors().size() > 1) {
        sb.append(" (+").append(e.errors().size() - 1).append(" more)");
      }
    }
    return sb.toString();
  }

  private static String status(EventStatus status, ConsoleStyle style) {
    String padded = String.format("%-9s", status.wireName());
    return switch (status) {
      case ACCEPTED -> style.green(padded);
      case REJECTED -> style.red(padded);
      case DUPLICATE -> style.yellow(padded);
    };
  }

  private static String signature(SignatureVerdict verdict, ConsoleStyle style) {
    String text = "signature=" + verdict.wireName();
    return switch (verdict) {
      case VALID -> style.green(text);
      case INVALID -> style.red(text);
      default -> style.dim(text);
    };
  }

  private static String summaryType(SyncEvent e) {
    if (e.canonicalType() != null) {
      return e.canonicalType().wireName();
    }
    return e.eventType() == null ? "(no EventType)" : ConsoleStyle.preview(e.eventType(), 40);
  }

  /** Prints how many events of each type and status this log printed; "no events" when none. */
  public void printSummary() {
    out.print(summary());
    out.flush();
  }

  synchronized String summary() {
    if (counts.isEmpty()) {
      return "summary: no events received\n";
    }
    Map<EventStatus, Integer> totals = new EnumMap<>(EventStatus.class);
    counts.values().forEach(byStatus -> byStatus.forEach((s, n) -> totals.merge(s, n, Integer::sum)));
    int all = totals.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder sb = new StringBuilder()
        .append(style.bold("summary: " + all + (all == 1 ? " event" : " events"))).append(" (")
        .append(statuses(totals)).append(")\n");
    int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
    counts.forEach((type, byStatus) -> {
      int n = byStatus.values().stream().mapToInt(Integer::intValue).sum();
      sb.append("  ").append(String.format("%-" + width + "s %5d  (", type, n)).append(statuses(byStatus)).append(")\n");
    });
    return sb.toString();
  }

  private String statuses(Map<EventStatus, Integer> byStatus) {
    StringBuilder sb = new StringBuilder();
    byStatus.forEach((status, n) -> {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      String text = n + " " + status.wireName();
      sb.append(status == EventStatus.ACCEPTED ? style.green(text)
          : status == EventStatus.REJECTED ? style.red(text) : style.yellow(text));
    });
    return sb.toString();
  }
}
