package dev.syncwire.receiver;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncEventJson;
import dev.syncwire.receiver.journal.EventJournal;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an event: journal first (when there is one), then memory, then listeners. An event is
 * only acknowledged once {@link #record} completes, so nothing acknowledged is lost.
 */
final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  /**
   * How every journal line starts: the id first, then, as this receiver writes them,
   * {@code receivedAt} and {@code status} (group 2, absent on lines written otherwise).
   */
  private static final Pattern LEADING_ID = Pattern.compile(
      "\\{\\s*\"id\"\\s*:\\s*(\\d{1,18})\\s*[,}](?:\"receivedAt\":\"[^\"]*\",\"status\":\"([a-z]+)\")?");

  /** Ids a receiver could reach in practice stay far below this; one above was set by hand. */
  static final long MAX_RESTORED_ID = Long.MAX_VALUE / 2;

  private final RecordedEvents store;
  private final EventJournal journal;
  private final AtomicLong lastId = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  EventRecorder(RecordedEvents store, EventJournal journal) {
    this.store = store;
    this.journal = journal;
  }

  /**
   * Reads the journal back into memory; returns the events restored, oldest first. Only the
   * newest lines that fit under the in-memory cap are parsed; of older ones only the id and status
   * are read (ids are never given out twice, /health counts stay whole), so a journal far larger
   * than the cap starts in time and memory bounded by the cap. The journal's copy of the lines is
   * let go afterwards.
   */
  List<SyncEvent> restore() throws IOException {
    if (journal == null) {
      return List.of();
    }
    List<String> lines = journal.readBack();
    int parseFrom = Math.max(0, lines.size() - store.cap());
    List<SyncEvent> events = new java.util.ArrayList<>(lines.size() - parseFrom);
    long older = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher head = LEADING_ID.matcher(line);
      if (i < parseFrom && head.lookingAt() && head.group(2) != null && countStatus(head.group(2))) {
        lastId.accumulateAndGet(Long.parseLong(head.group(1)), Math::max);
        older++;
        continue;
      }
      try {
        SyncEvent event = SyncEventJson.read(line);
        if (i < parseFrom) {
          count(event);
          lastId.accumulateAndGet(event.id(), Math::max);
          older++;
        } else {
          events.add(event);
        }
      } catch (RuntimeException e) {
        // its id was given out (and maybe acknowledged): never give it out again
        boolean numbered = head.reset().lookingAt();
        if (numbered) {
          lastId.accumulateAndGet(Long.parseLong(head.group(1)), Math::max);
        }
        LOG.warn("Skipping journal line {} of {}: it is not a recorded event ({}){}", i + 1, journal.file(),
            e.getMessage(), numbered ? "; its id " + head.group(1) + " will not be given to another event" : "");
      }
    }
    journal.forgetReadBack();
    store.droppedWhileRestoring(older);
    events.sort(java.util.Comparator.comparingLong(SyncEvent::id));
    SyncEvent previous = null;
    for (SyncEvent event : events) {
      if (previous != null && previous.id() == event.id()) {
        // a receiver never writes an id twice; a hand-edited or concatenated file can
        LOG.warn("Journal {} holds id {} on more than one line; memory keeps the last of them, the file keeps all",
            journal.file(), event.id());
      }
      store.restore(event);
      count(event);
      lastId.accumulateAndGet(event.id(), Math::max);
      previous = event;
    }
    if (lastId.get() > MAX_RESTORED_ID) {
      throw new IOException("Journal " + journal.file() + " holds the event id " + lastId.get() + ", too close to the"
          + " largest id there is (" + Long.MAX_VALUE + ") for ids to go on; a receiver counts from 1, so that line"
          + " was likely edited by hand. Fix that id or start a new journal.");
    }
    return events;
  }

  /** Counts a line by the status it names; false if it names none this version knows. */
  private boolean countStatus(String wireName) {
    AtomicLong counter = switch (wireName) {
      case "accepted" -> accepted;
      case "rejected" -> rejected;
      case "duplicate" -> duplicates;
      default -> null;
    };
    if (counter == null) {
      return false;
    }
    counter.incrementAndGet();
    return true;
  }

  /**
   * Numbers an event, then makes it durable (journaled) and visible (in memory, listeners told).
   * {@code build} gets the event's id; it runs under the journal's lock (or this recorder's, with
   * no journal), so ids follow the order of the journal and of publication: a reader that saw
   * id N has seen every event below N. Keep {@code build} short and free of I/O.
   *
   * <p>The calling thread writes the journal itself when no other thread is writing (then the
   * future is complete on return); otherwise the event joins the current writer's next batch and
   * the future completes on that thread. The future completes with the event, or exceptionally
   * if it could not be written: then it was not recorded and must not be acknowledged.
   */
  CompletableFuture<SyncEvent> record(LongFunction<SyncEvent> build) {
    if (journal == null) {
      synchronized (this) {
        SyncEvent event = build.apply(lastId.incrementAndGet());
        publish(event);
        return CompletableFuture.completedFuture(event);
      }
    }
    try {
      return journal.appendAndWrite(() -> build.apply(lastId.incrementAndGet()), SyncEventJson::writeUtf8,
          this::publish);
    } catch (RuntimeException e) {
      // a journal closed under us is a failed write: the sender gets a 503 and retries, never a 500
      return CompletableFuture.failedFuture(e);
    }
  }

  private void publish(SyncEvent event) {
    count(event);
    store.add(event);
  }

  private void count(SyncEvent event) {
    (event.status() == EventStatus.ACCEPTED ? accepted
        : event.status() == EventStatus.REJECTED ? rejected : duplicates).incrementAndGet();
  }

  long accepted() {
    return accepted.get();
  }

  long rejected() {
    return rejected.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  EventJournal journal() {
    return journal;
  }

  @Override
  public void close() {
    if (journal != null) {
      journal.close();
    }
  }
}
