package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.Violation;
import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.receiver.internal.recording.EventRecorder;
import dev.syncwire.receiver.internal.recording.RedeliveryIndex;
import dev.syncwire.receiver.internal.signature.SignatureCheck;
import dev.syncwire.receiver.internal.signature.SignatureValidator;
import dev.syncwire.receiver.internal.signature.SignedRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks}: one event straight through. Body -> parameters -> signature -> contract
 * rules -> SyncEvent -> journal + memory -> answer. Every request is recorded, rejected ones too;
 * the answer is sent only once the record is durable.
 */
public final class WebhookEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
  private static final byte[] NO_BODY = new byte[0];
  private static final SignatureCheck BODY_NOT_READ =
      SignatureCheck.unchecked("X-Twilio-Signature was not checked: the body was not read in full");

  private final SignatureValidator signatures;
  private final EventRecorder recorder;
  private final RedeliveryIndex redeliveries;
  private final Clock clock;
  private final int maxBodyBytes;
  private final Executor answering;
  private final Function<SyncEvent, ScriptedReply> replies; // the reply policy: null answers 200

  /** @param answering where answers are written once recorded: Jetty's thread pool */
  public WebhookEndpoint(SignatureValidator signatures, EventRecorder recorder, RedeliveryIndex redeliveries, Clock clock,
      int maxBodyBytes, Executor answering, Function<SyncEvent, ScriptedReply> replies) {
    this.replies = replies;
    this.signatures = signatures;
    this.recorder = recorder;
    this.redeliveries = redeliveries;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.answering = task -> {
      try {
        answering.execute(task);
      } catch (RejectedExecutionException stopping) {
        task.run();
      }
    };
  }

  void handle(Request request, Response response, Callback callback) {
    long length = request.getLength();
    if (length > maxBodyBytes) {
      rejectUnread(request, tooLarge(length + " bytes"), response, callback);
      return;
    }
    CountedBody counted = new CountedBody(request);
    CompletableFuture<byte[]> reading = Content.Source.asByteArrayAsync(counted, maxBodyBytes);
    BiConsumer<byte[], Throwable> then = (body, failure) -> {
      if (failure != null) {
        rejectUnread(request, unread(request, counted.read, length, failure), response, callback);
        return;
      }
      try {
        accept(request, body, response, callback);
      } catch (RuntimeException e) {
        LOG.error("Could not handle a webhook", e);
        callback.failed(e);
      }
    };
    if (reading.isDone()) {
      reading.whenComplete(then); // the usual case: the body came with the headers
    } else {
      // The rest of the body arrives later, and the read may complete on the thread that
      // delivers it (Jetty's selector): record and journal on a pool thread, never there, or one
      // slow write would stall every connection.
      reading.whenCompleteAsync(then, answering);
    }
  }

  private ApiError tooLarge(String received) {
    return ApiError.of(413, "body_too_large", "body", "max_body_bytes", received,
        "the webhook body is larger than " + maxBodyBytes + " bytes; Sync data is at most 16 KB");
  }

  /**
   * Why the body could not be read: over the limit (413), stalled until the idle timeout (408), or
   * ended early or failed (400). If the sender is gone the answer goes nowhere, but the record stays.
   */
  private ApiError unread(Request request, long read, long length, Throwable failure) {
    if (read > maxBodyBytes) {
      return tooLarge("more than " + maxBodyBytes + " bytes");
    }
    String got = length >= 0 ? read + " of " + length + " bytes" : read + " bytes";
    if (causedBy(failure, TimeoutException.class)) {
      return ApiError.of(408, "body_timeout", "body", "complete_body", got,
          "the body stalled after " + got + ": nothing more arrived for "
              + request.getConnectionMetaData().getConnector().getIdleTimeout()
              + " ms (the idle timeout); send the whole body without pausing");
    }
    String why = causedBy(failure, EofException.class) ? "the sender closed the connection" : failureMessage(failure);
    return ApiError.of(400, "body_incomplete", "body", "complete_body", got, length >= 0
        ? "the body ended after " + got + " (" + why + "); send as many bytes as Content-Length says"
        : "the body ended after " + got + ", before its last chunk (" + why + "); end a chunked body with its "
            + "empty last chunk");
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A delivery whose body was not read in full is recorded as rejected, its headers kept and no
   * body, through the same {@link #record} as every other delivery.
   */
  private void rejectUnread(Request request, ApiError rejection, Response response, Callback callback) {
    RawRequest raw = JettyRequest.raw(request, NO_BODY);
    record(new Recording(SyncWebhook.read(FormParams.empty()), raw, BODY_NOT_READ, rejection.violations(), rejection,
        response, callback), EventStatus.REJECTED, null, null, null);
  }

  /** The request's body, counting the bytes read so a failed read can say how far it got. */
  private static final class CountedBody implements Content.Source {
    private final Content.Source body;
    /** Written by the read in progress only; read after the read future completes. */
    long read;
    private Throwable readFailure;

    CountedBody(Content.Source body) {
      this.body = body;
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = body.read();
      if (chunk != null) {
        read += chunk.remaining();
        if (chunk.getFailure() != null) {
          readFailure = chunk.getFailure();
        }
      }
      return chunk;
    }

    @Override
    public long getLength() {
      return body.getLength();
    }

    @Override
    public void demand(Runnable demandCallback) {
      body.demand(demandCallback);
    }

    // The reader hands a failed read back to us to fail the request with (after completing its
    // future); that failure is answered as a 408 or 400 instead, and failing the request too would
    // race the answer, or find the request already completed.
    @Override
    public void fail(Throwable failure) {
      if (failure != readFailure) {
        body.fail(failure);
      }
    }

    @Override
    public void fail(Throwable failure, boolean last) {
      if (failure != readFailure) {
        body.fail(failure, last);
      }
    }

    @Override
    public boolean rewind() {
      return body.rewind();
    }
  }

  private void accept(Request request, byte[] body, Response response, Callback callback) {
    RawRequest raw = JettyRequest.raw(request, body);
    FormParams params;
    ApiError bodyProblem = null;
    try {
      params = WebhookBody.parse(raw.contentType(), body);
    } catch (ApiError rejection) {
      params = FormParams.empty();
      bodyProblem = rejection;
    }
    SignedRequest signed = JettyRequest.signed(request, raw, params);
    SignatureCheck check = signatures.check(signed);
    SyncWebhook webhook = SyncWebhook.read(params);
    RejectionOrder.Outcome outcome = RejectionOrder.decide(bodyProblem, check, signed.signature(),
        signatures.mode() == SignatureMode.ENFORCE, webhook);

    Recording recording = new Recording(webhook, raw, check, outcome.errors(), outcome.rejection(), response, callback);
    if (outcome.rejection() != null) {
      record(recording, EventStatus.REJECTED, null, null, null);
    } else {
      admit(recording, RedeliveryIndex.keys(raw));
    }
  }

  /** What one delivery records, whatever status it ends with. */
  private record Recording(SyncWebhook webhook, RawRequest raw, SignatureCheck check, List<Violation> errors,
      ApiError rejection, Response response, Callback callback) {}

  /**
   * A valid delivery: the first with its keys is accepted; a redelivery is a duplicate of the first
   * once that one is recorded. If the first is still on its way to the journal this waits for it,
   * because it can still fail: then this delivery claims the keys and is the one accepted, so a
   * sender is never told "duplicate" of an event that was not recorded.
   */
  private void admit(Recording recording, RedeliveryIndex.Key[] keys) {
    RedeliveryIndex.FirstDelivery mine = new RedeliveryIndex.FirstDelivery();
    RedeliveryIndex.FirstDelivery first = redeliveries.claim(keys, mine);
    if (first == null) {
      record(recording, EventStatus.ACCEPTED, null, keys, mine);
    } else if (first.isDone() && !first.isCompletedExceptionally()) {
      record(recording, EventStatus.DUPLICATE, first.join(), null, null);
    } else {
      first.whenCompleteAsync((firstId, failed) -> {
        if (failed != null) {
          admit(recording, keys); // the first was not recorded: this one may be
        } else {
          record(recording, EventStatus.DUPLICATE, firstId, null, null);
        }
      }, answering);
    }
  }

  /**
   * Records the delivery and answers once it is durable: 200, or the rejection's status, or 503 if
   * it could not be written. {@code claimed} keys are given back on failure, before {@code mine}
   * fails, so a redelivery waiting on it claims them.
   */
  private void record(Recording r, EventStatus status, Long duplicateOf, RedeliveryIndex.Key[] claimed,
      RedeliveryIndex.FirstDelivery mine) {
    // Usually this thread writes the journal itself and the future is complete on return: answer
    // from here. If another request's thread was writing, that thread completes the future (after
    // storing the event and telling listeners, in journal order) and the answer goes to Jetty's
    // pool, so no writer sends every answer of its batch to the sockets before its next batch.
    WebhookAnswer answer = new WebhookAnswer(replies);
    CompletableFuture<SyncEvent> recorded = recorder.record(id -> answer.decide(new SyncEvent(id, clock.instant(), status,
        r.webhook(), r.raw(), r.check().verdict(), r.check().matchedUrl(), duplicateOf, r.errors())));
    BiConsumer<SyncEvent, Throwable> reply = (event, failure) -> {
      if (failure != null) {
        if (claimed != null) {
          redeliveries.release(claimed, mine);
          mine.completeExceptionally(failure);
        }
        // one line per failed delivery; the journal logged the cause's stack trace once, when it happened
        LOG.error("Could not journal a {} event; answered 503 so the sender retries: {}",
            r.webhook().eventType() == null ? "webhook" : r.webhook().eventType(), failureMessage(failure));
        JsonReplies.reject(r.response(), ApiError.of(503, "journal_unavailable", "journal", "durable_write",
            null, "the event could not be written to the journal (" + failureMessage(failure)
                + "); it was not recorded, retry the delivery"), null, r.callback());
        return;
      }
      if (mine != null) {
        mine.complete(event.id());
      }
      if (r.rejection() != null) {
        JsonReplies.reject(r.response(), r.rejection(), event.id(), r.callback());
      } else {
        answer.send(r.response(), event, r.callback());
      }
    };
    if (recorded.isDone()) {
      recorded.whenComplete(reply); // written by this thread, or no journal: answer from here
    } else {
      recorded.whenCompleteAsync(reply, answering);
    }
  }

  /**
   * What went wrong, in the journal's words: its own exceptions already say which file, what
   * failed and what to check; wrappers (CompletionException) add nothing.
   */
  private static String failureMessage(Throwable failure) {
    Throwable t = failure;
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
