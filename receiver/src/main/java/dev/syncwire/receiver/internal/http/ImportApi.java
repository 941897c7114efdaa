package dev.syncwire.receiver.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.receiver.internal.forward.Forwarder;
import dev.syncwire.receiver.internal.recording.EventRecorder;
import dev.syncwire.receiver.internal.signature.SignatureCheck;
import dev.syncwire.receiver.internal.signature.SignatureValidator;
import dev.syncwire.receiver.internal.signature.SignedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/events/import}: JSON Lines of events as {@code /api/events} gives them (what the
 * page exports). Each becomes a new event, with a new id, its params and headers as recorded,
 * checked as a webhook would be (signature, contract) and recorded with what that check finds;
 * viewers see them, the forward target does not get them. Every line is read before any is
 * recorded: a bad line is a 400 naming it, and nothing is imported.
 */
final class ImportApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SignatureValidator signatures;
  private final EventRecorder recorder;
  private final Forwarder forwarder;
  private final Clock clock;
  private final int maxBodyBytes;

  ImportApi(SignatureValidator signatures, EventRecorder recorder, Forwarder forwarder, Clock clock, int maxBodyBytes) {
    this.signatures = signatures;
    this.recorder = recorder;
    this.forwarder = forwarder;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** JSON Lines of events are larger than one webhook's body: up to 16 times the webhook limit. */
  private int maxImportBytes() {
    return (int) Math.min(16L * maxBodyBytes, Integer.MAX_VALUE - 8);
  }

  void handle(Request request, Response response, Callback callback) {
    EventsApi.requireNoParameters(request, "POST /api/events/import");
    List<SyncEvent> read = read(body(request));
    List<Long> ids = new ArrayList<>(read.size());
    for (SyncEvent event : read) {
      try {
        ids.add(record(request, event).id());
      } catch (CompletionException e) {
        throw ApiError.of(503, "journal_unavailable", "journal", "durable_write", null, "the journal could not"
            + " take event " + (ids.size() + 1) + " of " + read.size() + " (" + e.getCause().getMessage() + "); "
            + ids.size() + " were imported, as ids " + ids);
      }
    }
    JsonReplies.send(response, 200, g -> {
      g.writeStartObject();
      g.writeNumberField("imported", ids.size());
      g.writeArrayFieldStart("ids");
      for (long id : ids) {
        g.writeNumber(id);
      }
      g.writeEndArray();
      g.writeEndObject();
    }, callback);
  }

  /** Checks an event's request as {@link WebhookEndpoint} checks a delivery, then records it anew. */
  private SyncEvent record(Request request, SyncEvent imported) {
    RawRequest raw = imported.request();
    FormParams params;
    ApiError bodyProblem = null;
    try {
      params = WebhookBody.parse(raw.contentType(), raw.body());
    } catch (ApiError rejection) {
      params = FormParams.empty();
      bodyProblem = rejection;
    }
    SignedRequest signed = SignedRequest.of(raw, "http",
        () -> Request.getServerName(request) + ':' + Request.getServerPort(request), params);
    SignatureCheck check = signatures.check(signed);
    SyncWebhook webhook = SyncWebhook.read(params);
    RejectionOrder.Outcome outcome = RejectionOrder.decide(bodyProblem, check, signed.signature(),
        signatures.mode() == SignatureMode.ENFORCE, webhook);
    EventStatus status = outcome.rejection() == null ? EventStatus.ACCEPTED : EventStatus.REJECTED;
    return recorder.record(id -> {
      forwarder.passOver(id);
      return new SyncEvent(id, clock.instant(), status, webhook, raw, check.verdict(), check.matchedUrl(), null,
          outcome.errors());
    }).join();
  }

  private byte[] body(Request request) {
    try {
      return Content.Source.asByteArrayAsync(request, maxImportBytes()).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw ApiError.of(400, "invalid_import", "body", "readable", null, "the body could not be read (over "
          + maxImportBytes() + " bytes, or it stalled); send the events as JSON Lines, one event per line");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.of(400, "invalid_import", "body", "readable", null, "the receiver is stopping; nothing was imported");
    }
  }

  /** Every line, or a 400 naming the first bad one. Blank lines are passed over. */
  private static List<SyncEvent> read(byte[] body) {
    List<SyncEvent> events = new ArrayList<>();
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      String field = "line " + (i + 1);
      String excerpt = line.length() > 120 ? line.substring(0, 120) + "..." : line;
      JsonNode node;
      try {
        node = MAPPER.readTree(line);
      } catch (IOException e) {
        String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        throw invalid(field, "json", excerpt, field + " is not JSON (" + why + "); nothing was imported."
            + " Send one event per line, as GET /api/events lists them");
      }
      try {
        events.add(SyncEventJson.read(node));
      } catch (RuntimeException e) {
        throw invalid(field, "event", excerpt, field + " is not an event as GET /api/events lists it ("
            + e.getMessage() + "); nothing was imported");
      }
    }
    if (events.isEmpty()) {
      throw invalid("body", "not_empty", "", "the body holds no events; send JSON Lines, one event per line, as"
          + " GET /api/events lists them (the page's export writes this)");
    }
    return events;
  }

  private static ApiError invalid(String field, String rule, String received, String message) {
    return ApiError.of(400, "invalid_import", field, rule, received, message);
  }
}
