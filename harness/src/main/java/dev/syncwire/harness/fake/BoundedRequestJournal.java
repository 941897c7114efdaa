package dev.syncwire.harness.fake;

import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * WireMock's request journal, holding the newest {@code maxEntries} requests at O(1) per request.
 *
 * <p>Why not WireMock's own {@code maxRequestJournalEntries}: in WireMock 3.13 it counts the whole
 * journal after every request ({@code getAllKeys().count()}, a stream over every entry with a map
 * lookup each), so a journal of 10,000 costs 10,000 lookups per request; measured, that was 44% of
 * the server's CPU under load. Here the bound is kept in {@link #add}, and WireMock is told of no
 * limit, so it never counts.
 *
 * <p>Requests {@link SyncFastPath} answered are kept as {@link FastPathExchange}s, compact until
 * the journal is read; readers only ever see {@link ServeEvent}s.
 *
 * <p>Same contract as WireMock's in-memory store: {@link #getAll()} newest first, {@link #put}
 * only replaces an entry still held, {@link #removeLast()} drops the oldest.
 */
final class BoundedRequestJournal implements RequestJournalStore {
  private final int maxEntries;
  /** Oldest first (insertion order), each a ServeEvent or a FastPathExchange; guarded by this. */
  private final LinkedHashMap<UUID, Object> events = new LinkedHashMap<>();

  BoundedRequestJournal(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /** WireMock's default stores with this journal in place of the unbounded one. */
  DefaultStores stores(FileSource filesRoot) {
    BoundedRequestJournal journal = this;
    return new DefaultStores(filesRoot) {
      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    };
  }

  @Override
  public void add(ServeEvent event) {
    keep(event.getId(), event);
  }

  void add(FastPathExchange exchange) {
    keep(exchange.id, exchange);
  }

  private synchronized void keep(UUID id, Object entry) {
    events.put(id, entry);
    if (events.size() > maxEntries) {
      removeLast();
    }
  }

  private static ServeEvent serveEvent(Object entry) {
    return entry instanceof FastPathExchange exchange ? exchange.serveEvent() : (ServeEvent) entry;
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return newestFirst().stream();
  }

  @Override
  public Stream<UUID> getAllKeys() {
    List<UUID> keys;
    synchronized (this) {
      keys = new ArrayList<>(events.keySet());
    }
    Collections.reverse(keys);
    return keys.stream();
  }

  /** Built outside the lock: a first read turns each FastPathExchange into a ServeEvent. */
  private List<ServeEvent> newestFirst() {
    List<Object> copy;
    synchronized (this) {
      copy = new ArrayList<>(events.values());
    }
    Collections.reverse(copy);
    List<ServeEvent> out = new ArrayList<>(copy.size());
    for (Object entry : copy) {
      out.add(serveEvent(entry));
    }
    return out;
  }

  @Override
  public Optional<ServeEvent> get(UUID id) {
    Object entry;
    synchronized (this) {
      entry = events.get(id);
    }
    return Optional.ofNullable(entry).map(BoundedRequestJournal::serveEvent);
  }

  @Override
  public synchronized void put(UUID id, ServeEvent event) {
    // Completes an event in place (the response arrived); an evicted one stays evicted.
    events.replace(id, event);
  }

  @Override
  public synchronized void remove(UUID id) {
    events.remove(id);
  }

  @Override
  public synchronized void removeLast() {
    Iterator<Map.Entry<UUID, Object>> oldest = events.entrySet().iterator();
    if (oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  @Override
  public synchronized void clear() {
    events.clear();
  }
}
