package dev.syncwire.receiver.internal.recording;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.internal.forward.Forward;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** One line per event for a person watching the terminal: time, status, type, object/item, signature. */
public final class ConsoleLog implements Consumer<SyncEvent> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private final PrintStream out;

  public ConsoleLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void accept(SyncEvent e) {
    out.println(line(e));
  }

  /** One line per forward attempt, under its event's: {@code   #12 -> 200 12 ms  http://127.0.0.1:3000/sync}. */
  public void forwarded(SyncEvent e, Forward f) {
    out.println(forwardLine(e, f));
  }

  static String forwardLine(SyncEvent e, Forward f) {
    String outcome = f.status() != null ? f.status() + " " + f.latencyMs() + " ms" : f.error();
    return "  #" + e.id() + " -> " + outcome + "  " + f.url() + (f.replay() ? "  (replay)" : "");
  }

  static String line(SyncEvent e) {
    String type = e.eventType() == null ? "(no EventType)" : e.eventType();
    if (e.canonicalType() != null && !e.canonicalType().wireName().equals(type)) {
      type = type + " (" + e.canonicalType().wireName() + ")";
    }
    String object = e.objectName() != null ? e.objectName() : e.objectSid() != null ? e.objectSid() : "-";
    String item = e.itemKey() != null ? "/" + e.itemKey() : e.itemIndex() != null ? "/" + e.itemIndex() : "";
    StringBuilder sb = new StringBuilder()
        .append(TIME.format(e.receivedAt())).append("  #").append(e.id()).append("  ")
        .append(String.format("%-9s", e.status().wireName())).append(' ')
        .append(String.format("%-28s", type)).append(' ')
        .append(object).append(item)
        .append("  signature=").append(e.signature().wireName());
    if (e.duplicateOf() != null) {
      sb.append("  redelivery of #").append(e.duplicateOf());
    }
    if (!e.errors().isEmpty()) {
      sb.append("\n    ").append(e.errors().get(0).message());
      if (e.errors().size() > 1) {
        sb.append(" (+").append(e.errors().size() - 1).append(" more)");
      }
    }
    return sb.toString();
  }
}
