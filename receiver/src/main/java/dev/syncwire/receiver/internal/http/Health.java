package dev.syncwire.receiver.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.internal.journal.EventJournal;
import dev.syncwire.receiver.internal.recording.EventRecorder;
import dev.syncwire.receiver.internal.recording.EventStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /health}: what a person needs to know the receiver is healthy and what it holds. */
public final class Health {
  private final ReceiverConfig config;
  private final EventStore store;
  private final EventRecorder recorder;
  private final EventStream stream;
  private final Instant started;
  private final Clock clock;

  public Health(ReceiverConfig config, EventStore store, EventRecorder recorder, EventStream stream) {
    this.config = config;
    this.store = store;
    this.recorder = recorder;
    this.stream = stream;
    this.clock = config.clock();
    this.started = clock.instant();
  }

  void write(JsonGenerator g) throws IOException {
    EventJournal journal = recorder.journal();
    String journalStopped = journal == null ? null : journal.stoppedBecause();
    g.writeStartObject();
    // "failing": webhooks are answered 503 until the journal is fixed and the receiver restarted
    g.writeStringField("status", journalStopped == null ? "ok" : "failing");
    g.writeNumberField("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
    g.writeNumberField("held", store.size());
    g.writeNumberField("cap", store.cap());
    g.writeNumberField("dropped", store.dropped());
    g.writeNumberField("accepted", recorder.accepted());
    g.writeNumberField("rejected", recorder.rejected());
    g.writeNumberField("duplicates", recorder.duplicates());
    g.writeNumberField("streamViewers", stream.clients());
    g.writeObjectFieldStart("signature");
    g.writeStringField("mode", config.signatureMode().wireName());
    g.writeNumberField("authTokens", config.authTokens().size());
    g.writeStringField("publicUrl", config.publicUrl() == null ? null : config.publicUrl().toString());
    g.writeEndObject();
    if (journal == null) {
      g.writeNullField("journal");
    } else {
      EventJournal.Stats stats = journal.stats();
      g.writeObjectFieldStart("journal");
      g.writeStringField("file", journal.file().toString());
      g.writeBooleanField("fsync", journal.fsync());
      g.writeNumberField("linesWritten", stats.linesWritten());
      g.writeNumberField("batchesWritten", stats.batchesWritten());
      g.writeStringField("stoppedBecause", journalStopped);
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
