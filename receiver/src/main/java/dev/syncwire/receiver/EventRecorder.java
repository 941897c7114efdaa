package dev.syncwire.receiver;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncEventJson;
import dev.syncwire.receiver.journal.EventJournal;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an event: journal first (when there is one), then memory, then listeners. An event is
 * only acknowledged once {@link #record} completes, so nothing acknowledged is lost.
 */
final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

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

  /** Reads the journal back into memory; returns the events restored, oldest first. */
  List<SyncEvent> restore() throws IOException {
    if (journal == null) {
      return List.of();
    }
    List<SyncEvent> events = new java.util.ArrayList<>();
    int lineNumber = 0;
    for (String line : journal.readBack()) {
      lineNumber++;
      try {
        events.add(SyncEventJson.read(line));
      } catch (RuntimeException e) {
        LOG.warn("Skipping journal line {} of {}: it is not a recorded event ({})", lineNumber, journal.file(),
            e.getMessage());
      }
    }
    events.sort(java.util.Comparator.comparingLong(SyncEvent::id));
    for (SyncEvent event : events) {
      store.restore(event);
      count(event);
      lastId.accumulateAndGet(event.id(), Math::max);
    }
    return events;
  }

  long nextId() {
    return lastId.incrementAndGet();
  }

  /**
   * Completes once the event is durable (journaled) and visible (in memory, listeners told, in
   * journal order). The calling thread writes the journal itself when no other thread is writing
   * (then the future is complete on return); otherwise the event joins the current writer's next
   * batch and the future completes on that thread.
   */
  CompletableFuture<Void> record(SyncEvent event) {
    if (journal == null) {
      publish(event);
      return CompletableFuture.completedFuture(null);
    }
    try {
      return journal.appendAndWrite(SyncEventJson.writeUtf8(event), () -> publish(event));
    } catch (RuntimeException e) {
      // A line the journal refuses is a failed write: the sender gets a 503 and retries, never a 500.
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
