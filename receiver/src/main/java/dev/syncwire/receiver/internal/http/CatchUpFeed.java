package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One viewer's events in id order: first those it missed (read from the store), then live ones.
 * A viewer subscribes before it reads what it missed, so no event falls between the two; live
 * events that arrive during the catch-up wait until it is done, and any the catch-up already
 * carried are skipped. Without this, an event recorded mid catch-up reached the viewer before
 * older ones, and a client counting "the next n events" saw them out of order.
 *
 * <p>Live events come from the store's one publishing thread at a time; the catch-up runs on the
 * thread that opened the stream.
 */
final class CatchUpFeed {
  private final Consumer<SyncEvent> out;
  private List<SyncEvent> heldLive; // non-null while catching up
  private long lastSent = -1;

  /** @param catchingUp whether {@link #catchUp} will be called; live events wait for it until then */
  CatchUpFeed(Consumer<SyncEvent> out, boolean catchingUp) {
    this.out = out;
    this.heldLive = catchingUp ? new ArrayList<>() : null;
  }

  /** A live event: sent now, or held until the catch-up is done. */
  void live(SyncEvent event) {
    synchronized (this) {
      if (heldLive != null) {
        heldLive.add(event);
        return;
      }
    }
    out.accept(event);
  }

  /** Sends {@code missedOldestFirst}, then the live events held meanwhile that are newer; then goes live. */
  void catchUp(List<SyncEvent> missedOldestFirst) {
    for (SyncEvent event : missedOldestFirst) {
      out.accept(event);
      lastSent = event.id();
    }
    while (true) {
      List<SyncEvent> batch;
      synchronized (this) {
        if (heldLive.isEmpty()) {
          heldLive = null; // from here on live events go straight out
          return;
        }
        batch = heldLive;
        heldLive = new ArrayList<>();
      }
      for (SyncEvent event : batch) {
        if (event.id() > lastSent) {
          out.accept(event);
          lastSent = event.id();
        }
      }
    }
  }
}
