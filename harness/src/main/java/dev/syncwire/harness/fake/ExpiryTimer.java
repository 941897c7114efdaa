package dev.syncwire.harness.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires TTLs on a system clock with no request needed: one daemon thread waits until the
 * earliest pending expiry, runs {@link SyncStore#expireDue} under the store lock (which hands the
 * {@code *_removed} webhooks to delivery), and waits for the next. The store wakes it earlier when
 * an earlier expiry is added.
 */
final class ExpiryTimer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryTimer.class);

  private final SyncStore store;
  private final FakeClock clock;
  private final ScheduledThreadPoolExecutor executor;
  // guarded by this
  private ScheduledFuture<?> pending;
  private Instant pendingAt;
  private long generation;
  private boolean closed;

  ExpiryTimer(SyncStore store, FakeClock clock) {
    this.store = store;
    this.clock = clock;
    this.executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "syncwire-ttl-expiry");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true); // an earlier expiry replaces the wake-up; drop the old one at once
  }

  /** Wakes at {@code at}, unless a wake-up at or before it is already due. Called under the store lock. */
  synchronized void wakeAt(Instant at) {
    if (closed || pendingAt != null && !pendingAt.isAfter(at)) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    long id = ++generation;
    // +1 ms: the system clock counts millis, so the expiry is due when the timer fires
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis() + 1);
    pendingAt = at;
    pending = executor.schedule(() -> expire(id), delay, TimeUnit.MILLISECONDS);
  }

  private void expire(long id) {
    synchronized (this) {
      if (id == generation) {
        pending = null;
        pendingAt = null;
      }
    }
    Instant next;
    try {
      synchronized (store) {
        store.expireDue(clock.instant());
        next = store.nextExpiry();
      }
    } catch (RuntimeException e) {
      LOG.warn("Expiring TTLs failed; trying again in a second", e);
      next = clock.instant().plusSeconds(1);
    }
    if (next != null) {
      wakeAt(next);
    }
  }

  /** Stops the thread; nothing expires on its own afterwards. */
  @Override
  public synchronized void close() {
    closed = true;
    executor.shutdownNow();
  }
}
