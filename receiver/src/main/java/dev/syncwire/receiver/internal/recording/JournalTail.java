package dev.syncwire.receiver.internal.recording;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.internal.forward.ForwardLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal's lines as the journal reads them at open: the newest {@code cap} are kept whole
 * (they become the events held in memory); of each older one only its id and status are taken,
 * so ids are never given out twice and the counts in /health stay whole, while a journal of
 * millions of lines opens in memory bounded by the cap. Forward lines ({@link ForwardLine}) are
 * kept apart, and only those of events still among the newest.
 */
public final class JournalTail implements Consumer<String> {
  /**
   * How every journal line starts: the id first, then, as a receiver writes them,
   * {@code receivedAt} and {@code status} (group 2, absent on lines written otherwise).
   */
  private static final Pattern LEADING_ID = Pattern.compile(
      "\\{\\s*\"id\"\\s*:\\s*(\\d{1,18})\\s*[,}](?:\"receivedAt\":\"[^\"]*\",\"status\":\"([a-z]+)\")?");

  private final int cap;
  private final ArrayDeque<String> newest = new ArrayDeque<>();
  private final ArrayDeque<Long> newestLineNumbers = new ArrayDeque<>();
  /** Forward lines by the event id they name, with their line numbers. */
  private final TreeMap<Long, List<Map.Entry<Long, String>>> forwardLines = new TreeMap<>();
  private static final Pattern FORWARD_OF = Pattern.compile("\"forwardOf\"\\s*:\\s*(\\d{1,18})");
  private long lines;
  private long older;
  private long olderMaxId;
  private long olderAccepted;
  private long olderRejected;
  private long olderDuplicates;
  private final List<String> warnings = new ArrayList<>();

  public JournalTail(int cap) {
    this.cap = cap;
  }

  @Override
  public void accept(String line) {
    lines++;
    if (ForwardLine.is(line)) {
      Matcher of = FORWARD_OF.matcher(line);
      long eventId = of.find() ? Long.parseLong(of.group(1)) : 0; // a bad one is reported when decoded
      forwardLines.computeIfAbsent(eventId, id -> new ArrayList<>(1)).add(Map.entry(lines, line));
      return;
    }
    newest.addLast(line);
    newestLineNumbers.addLast(lines);
    if (newest.size() > cap) {
      String oldest = newest.removeFirst();
      countOlder(oldest, newestLineNumbers.removeFirst());
      // its forwards, and any of older events, will not be held
      forwardLines.headMap(Math.max(leadingId(oldest), leadingId(newest.peekFirst()) - 1), true).clear();
    }
  }

  /** Takes id and status of a line too old to be held; a line it cannot read is a warning, its id kept out of use. */
  private void countOlder(String line, long lineNumber) {
    older++;
    Matcher head = LEADING_ID.matcher(line);
    if (head.lookingAt() && head.group(2) != null && count(head.group(2))) {
      olderMaxId = Math.max(olderMaxId, Long.parseLong(head.group(1)));
      return;
    }
    try {
      SyncEvent event = SyncEventJson.read(line);
      count(event.status().wireName());
      olderMaxId = Math.max(olderMaxId, event.id());
    } catch (RuntimeException e) {
      olderMaxId = Math.max(olderMaxId, leadingId(line));
      warnings.add(unreadable(lineNumber, line, e));
    }
  }

  private boolean count(String status) {
    switch (status) {
      case "accepted" -> olderAccepted++;
      case "rejected" -> olderRejected++;
      case "duplicate" -> olderDuplicates++;
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The id a line starts with, or 0 if it starts with none. */
  static long leadingId(String line) {
    Matcher head = LEADING_ID.matcher(line);
    return head.lookingAt() ? Long.parseLong(head.group(1)) : 0;
  }

  /** The warning for a line that is not a recorded event; names its id when it has one, which stays out of use. */
  static String unreadable(long lineNumber, String line, RuntimeException e) {
    long id = leadingId(line);
    return "Skipping journal line " + lineNumber + ": it is not a recorded event (" + e.getMessage() + ")"
        + (id > 0 ? "; its id " + id + " will not be given to another event" : "");
  }

  /** The newest lines, oldest first, with the number of the first among all lines read. */
  List<String> newest() {
    return List.copyOf(newest);
  }

  long firstNewestLineNumber() {
    return newestLineNumbers.isEmpty() ? lines + 1 : newestLineNumbers.peekFirst();
  }

  /** The line numbers of {@link #newest()}, in the same order. */
  List<Long> newestLineNumbers() {
    return List.copyOf(newestLineNumbers);
  }

  /** The forward lines of the newest events, in file order per event, as line number and line. */
  List<Map.Entry<Long, String>> forwardLines() {
    List<Map.Entry<Long, String>> all = new ArrayList<>();
    forwardLines.values().forEach(all::addAll);
    all.sort(Map.Entry.comparingByKey());
    return all;
  }

  /** Lines read but not held: they stay in the file and count as dropped from memory. */
  long older() {
    return older;
  }

  long olderMaxId() {
    return olderMaxId;
  }

  long olderCount(EventStatus status) {
    return switch (status) {
      case ACCEPTED -> olderAccepted;
      case REJECTED -> olderRejected;
      case DUPLICATE -> olderDuplicates;
    };
  }

  List<String> warnings() {
    return warnings;
  }
}
