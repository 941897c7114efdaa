package dev.syncwire.receiver.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.internal.forward.Forward;
import dev.syncwire.receiver.internal.recording.EventStore;
import java.io.IOException;
import java.util.List;

/**
 * An event's JSON as the HTTP API shows it: {@link SyncEventJson}'s shape plus, only when there
 * were any, its {@code forwards} (oldest first). The journal keeps the two apart.
 */
final class EventJson {
  private EventJson() {}

  static void write(SyncEvent event, EventStore store, JsonGenerator g) throws IOException {
    List<Forward> forwards = store.forwards(event.id());
    if (forwards.isEmpty()) {
      SyncEventJson.write(event, g);
    } else {
      SyncEventJson.write(event, g, more -> forwards(forwards, more));
    }
  }

  static String line(SyncEvent event, EventStore store) {
    List<Forward> forwards = store.forwards(event.id());
    return forwards.isEmpty() ? SyncEventJson.write(event) : SyncEventJson.write(event, g -> forwards(forwards, g));
  }

  private static void forwards(List<Forward> forwards, JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("forwards");
    for (Forward f : forwards) {
      f.write(g);
    }
    g.writeEndArray();
  }
}
