package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.internal.forward.Forward;
import dev.syncwire.receiver.internal.recording.EventStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/events/stream}: Server-Sent Events, one {@code event: sync} per recorded event in
 * the shape of {@link SyncEventJson}, filtered like the query API. {@code Last-Event-ID} or
 * {@code ?since=<id>} replays what the viewer missed from memory first; every viewer gets events in id order.
 * A forward attempt that comes later is an {@code event: forward} frame,
 * {@code {"eventId":12,"forward":{...}}}, without an {@code id:} line (so {@code Last-Event-ID} stays an
 * event id), for viewers whose filters (time and id aside) match its event.
 */
public final class EventStream implements AutoCloseable {
  private final EventStore store;
  private final int maxQueued;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AutoCloseable forwardSubscription;
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "syncwire-sse-heartbeat");
    t.setDaemon(true);
    return t;
  });

  /** @param maxQueued frames a viewer may fall behind by before it is dropped */
  public EventStream(EventStore store, int maxQueued) {
    this.store = store;
    this.maxQueued = maxQueued;
    heartbeat.scheduleAtFixedRate(() -> clients.forEach(c -> c.send(": keep-alive\n\n")), 15, 15, TimeUnit.SECONDS);
    this.forwardSubscription = store.subscribeForwards(this::forwarded);
  }

  private void forwarded(SyncEvent event, Forward forward) {
    if (clients.isEmpty()) {
      return;
    }
    java.io.StringWriter json = new java.io.StringWriter(256);
    try (com.fasterxml.jackson.core.JsonGenerator g = JsonReplies.JSON.createGenerator(json)) {
      g.writeStartObject();
      g.writeNumberField("eventId", event.id());
      g.writeFieldName("forward");
      forward.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String frame = "event: forward\ndata: " + json + "\n\n";
    clients.forEach(c -> c.offerForward(event, frame));
  }

  void open(Request request, Response response, Callback callback, EventQuery query) {
    String lastEventId = request.getHeaders().get("Last-Event-ID");
    if (lastEventId != null && query.afterId() == null) {
      query = query.afterId(EventsApi.nonNegative("Last-Event-ID", lastEventId.trim()));
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Client client = new Client(response, callback, query);
    clients.add(client);
    boolean catchingUp = query.afterId() != null || query.since() != null;
    CatchUpFeed feed = new CatchUpFeed(client::offer, catchingUp);
    client.subscription = store.subscribe(feed::live);
    client.send("retry: 1000\n\n");
    if (catchingUp) {
      List<SyncEvent> missed = new ArrayList<>(store.query(query.limit(store.cap())));
      Collections.reverse(missed);
      feed.catchUp(missed);
    }
    Request.addCompletionListener(request, failure -> client.end());
  }

  /** {@code HEAD}: the headers {@link #open} sends, and no stream. */
  void head(Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, null, callback);
  }

  int clients() {
    return clients.size();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      forwardSubscription.close();
    } catch (Exception ignored) {
      // removing a listener cannot fail
    }
    clients.forEach(Client::finish);
  }

  /** One viewer: writes one frame at a time (Jetty allows one pending write), queueing the rest. */
  private final class Client {
    private final Response response;
    private final Callback callback;
    private final EventQuery filter;
    /** The filter without its time and id bounds: a forward of an event seen before still belongs to this viewer. */
    private final EventQuery forwardFilter;
    private final Queue<String> queue = new ArrayDeque<>();
    private final AtomicBoolean completed = new AtomicBoolean();
    private boolean writing;
    private boolean ended;
    private volatile AutoCloseable subscription;

    Client(Response response, Callback callback, EventQuery query) {
      this.response = response;
      this.callback = callback;
      this.filter = query;
      this.forwardFilter = new EventQuery(query.type(), query.object(), query.key(), query.index(), query.status(),
          null, null, query.limit());
    }

    void offerForward(SyncEvent event, String frame) {
      if (forwardFilter.matches(event)) {
        send(frame);
      }
    }

    void offer(SyncEvent event) {
      if (filter.matches(event)) {
        send("id: " + event.id() + "\nevent: sync\ndata: " + EventJson.line(event, store) + "\n\n");
      }
    }

    void send(String frame) {
      boolean dropped;
      boolean stuck = false;
      synchronized (this) {
        if (ended) {
          return;
        }
        dropped = queue.size() >= maxQueued;
        if (!dropped) {
          queue.add(frame);
          if (writing) {
            return; // the write in flight drains the queue
          }
          writing = true;
        } else {
          // A viewer that stops reading must not hold memory forever: drop it, it reconnects with
          // Last-Event-ID. With no write pending, end its response cleanly; with one pending (its
          // socket is full), abort the connection, which also fails that write.
          ended = true;
          queue.clear();
          stuck = writing;
        }
      }
      if (!dropped) {
        drain();
        return;
      }
      cleanup();
      complete(stuck ? new IOException("the event-stream viewer fell " + maxQueued
          + " events behind and was dropped; it can reconnect with Last-Event-ID") : null);
    }

    private void drain() {
      String next;
      synchronized (this) {
        next = ended ? null : queue.poll();
        if (next == null) {
          writing = false;
          return;
        }
      }
      response.write(false, ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)), new Callback() {
        @Override
        public void succeeded() {
          drain();
        }

        @Override
        public void failed(Throwable x) {
          end(); // the viewer went away
          complete(x);
        }
      });
    }

    /** Completes the response's callback once, whichever of close, drop or a failed write comes first. */
    private void complete(Throwable failure) {
      if (completed.compareAndSet(false, true)) {
        if (failure == null) {
          callback.succeeded();
        } else {
          callback.failed(failure);
        }
      }
    }

    void end() {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        queue.clear();
      }
      cleanup();
    }

    void finish() {
      end();
      complete(null);
    }

    private void cleanup() {
      clients.remove(this);
      AutoCloseable s = subscription;
      if (s != null) {
        try {
          s.close();
        } catch (Exception ignored) {
          // removing a listener cannot fail
        }
      }
    }
  }
}
