package dev.syncwire.receiver.internal.recording;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.internal.forward.Forward;
import dev.syncwire.receiver.internal.forward.ForwardLine;
import dev.syncwire.receiver.internal.journal.EventJournal;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an event: journal first (when there is one), then memory, then listeners. An event is
 * only acknowledged once {@link #record} completes, so nothing acknowledged is lost.
 */
public final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  /** Ids a receiver could reach in practice stay far below this; one above was set by hand. */
  static final long MAX_RESTORED_ID = Long.MAX_VALUE / 2;

  private final EventStore store;
  private final EventJournal journal;
  private final AtomicLong lastId = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private volatile java.util.function.Consumer<SyncEvent> afterPublish = event -> { };

  public EventRecorder(EventStore store, EventJournal journal) {
    this.store = store;
    this.journal = journal;
  }

  /**
   * Loads what {@code tail} kept of the journal as it was opened: its newest lines become the
   * events held in memory, oldest first (returned); its older lines only count (ids are never
   * given out twice, /health counts stay whole, and they count as dropped from memory).
   */
  public List<SyncEvent> restore(JournalTail tail) throws IOException {
    tail.warnings().forEach(w -> LOG.warn("{} of {}", w, journal.file()));
    lastId.accumulateAndGet(tail.olderMaxId(), Math::max);
    accepted.addAndGet(tail.olderCount(EventStatus.ACCEPTED));
    rejected.addAndGet(tail.olderCount(EventStatus.REJECTED));
    duplicates.addAndGet(tail.olderCount(EventStatus.DUPLICATE));
    store.droppedWhileRestoring(tail.older());

    List<String> lines = tail.newest();
    List<Long> lineNumbers = tail.newestLineNumbers();
    List<SyncEvent> events = new java.util.ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      try {
        events.add(SyncEventJson.read(line));
      } catch (RuntimeException e) {
        // its id was given out (and maybe acknowledged): never give it out again
        lastId.accumulateAndGet(JournalTail.leadingId(line), Math::max);
        LOG.warn("{} of {}", JournalTail.unreadable(lineNumbers.get(i), line, e), journal.file());
      }
    }
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
    for (var numbered : tail.forwardLines()) {
      try {
        ForwardLine.Decoded forward = ForwardLine.decode(numbered.getValue());
        store.restoreForward(forward.eventId(), forward.forward());
      } catch (RuntimeException e) {
        LOG.warn("Skipping journal line {} of {}: {}", numbered.getKey(), journal.file(), e.getMessage());
      }
    }
    if (lastId.get() > MAX_RESTORED_ID) {
      throw new IOException("Journal " + journal.file() + " holds the event id " + lastId.get() + ", too close to the"
          + " largest id there is (" + Long.MAX_VALUE + ") for ids to go on; a receiver counts from 1, so that line"
          + " was likely edited by hand. Fix that id or start a new journal.");
    }
    return events;
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
  public CompletableFuture<SyncEvent> record(LongFunction<SyncEvent> build) {
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

  /**
   * Records a forward attempt of {@code event}: journaled (when there is a journal) as a line of its
   * own, then held with the event and told to listeners. An attempt that cannot be journaled is
   * still shown (it happened) and the failure logged; the future completes either way.
   */
  public CompletableFuture<Forward> recordForward(SyncEvent event, Forward forward) {
    if (journal == null) {
      store.addForward(event, forward);
      return CompletableFuture.completedFuture(forward);
    }
    CompletableFuture<Forward> written;
    try {
      written = journal.appendAndWrite(() -> forward, f -> ForwardLine.encode(event.id(), f),
          f -> store.addForward(event, f));
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    return written.exceptionally(failure -> {
      LOG.warn("Could not journal a forward of event #{} ({}); it is shown but will not survive a restart",
          event.id(), failure.getMessage());
      store.addForward(event, forward);
      return forward;
    });
  }

  /**
   * Runs {@code then} with each event once every listener of the store has seen it (viewers have
   * its frame queued), on the same thread and in the same order: the forwarder, so no forward
   * result can reach a viewer before the event it belongs to.
   */
  public void afterPublishing(java.util.function.Consumer<SyncEvent> then) {
    this.afterPublish = then;
  }

  private void publish(SyncEvent event) {
    count(event);
    store.add(event);
    afterPublish.accept(event);
  }

  private void count(SyncEvent event) {
    (event.status() == EventStatus.ACCEPTED ? accepted
        : event.status() == EventStatus.REJECTED ? rejected : duplicates).incrementAndGet();
  }

  public long accepted() {
    return accepted.get();
  }

  public long rejected() {
    return rejected.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public EventJournal journal() {
    return journal;
  }

  @Override
  public void close() {
    if (journal != null) {
      journal.close();
    }
  }
}
