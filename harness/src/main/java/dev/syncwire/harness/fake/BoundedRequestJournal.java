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
 * <p>Same contract as WireMock's in-memory store: {@link #getAll()} newest first, {@link #put}
 * only replaces an entry still held, {@link #removeLast()} drops the oldest.
 */
final class BoundedRequestJournal implements RequestJournalStore {
  private final int maxEntries;
  /** Oldest first (insertion order); guarded by this. */
  private final LinkedHashMap<UUID, ServeEvent> events = new LinkedHashMap<>();

  BoundedRequestJournal(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /** WireMock's default stores with this journal in place of the unbounded one. */
  static DefaultStores stores(FileSource filesRoot, int maxEntries) {
    BoundedRequestJournal journal = new BoundedRequestJournal(maxEntries);
    return new DefaultStores(filesRoot) {
      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    };
  }

  @Override
  public synchronized void add(ServeEvent event) {
    events.put(event.getId(), event);
    if (events.size() > maxEntries) {
      removeLast();
    }
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return newestFirst().stream();
  }

  @Override
  public Stream<UUID> getAllKeys() {
    return newestFirst().stream().map(ServeEvent::getId);
  }

  private synchronized List<ServeEvent> newestFirst() {
    List<ServeEvent> copy = new ArrayList<>(events.values());
    Collections.reverse(copy);
    return copy;
  }

  @Override
  public synchronized Optional<ServeEvent> get(UUID id) {
    return Optional.ofNullable(events.get(id));
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
    Iterator<Map.Entry<UUID, ServeEvent>> oldest = events.entrySet().iterator();
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
