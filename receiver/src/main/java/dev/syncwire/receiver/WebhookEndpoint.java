package dev.syncwire.receiver;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.Violation;
import dev.syncwire.receiver.signature.SignatureCheck;
import dev.syncwire.receiver.signature.SignatureMode;
import dev.syncwire.receiver.signature.SignatureValidator;
import dev.syncwire.receiver.signature.SignedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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
final class WebhookEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);

  private final SignatureValidator signatures;
  private final EventRecorder recorder;
  private final RedeliveryIndex redeliveries;
  private final Clock clock;
  private final int maxBodyBytes;
  private final Executor answering;

  /** @param answering where answers are written once recorded: Jetty's thread pool */
  WebhookEndpoint(SignatureValidator signatures, EventRecorder recorder, RedeliveryIndex redeliveries, Clock clock,
      int maxBodyBytes, Executor answering) {
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
      JsonReplies.reject(response, tooLarge(length), null, callback);
      return;
    }
    Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, failure) -> {
      if (failure != null) {
        JsonReplies.reject(response, tooLarge(-1), null, callback);
        return;
      }
      try {
        accept(request, body, response, callback);
      } catch (RuntimeException e) {
        LOG.error("Could not handle a webhook", e);
        callback.failed(e);
      }
    });
  }

  private WebhookRejection tooLarge(long length) {
    return WebhookRejection.of(413, "body_too_large", "body", "max_body_bytes",
        length < 0 ? "more" : length + " bytes",
        "the webhook body is larger than " + maxBodyBytes + " bytes; Sync data is at most 16 KB");
  }

  private void accept(Request request, byte[] body, Response response, Callback callback) {
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    RawRequest raw = RawRequest.ofHeaderPairs(request.getMethod(), request.getHttpURI().getPathQuery(), contentType,
        headerPairs(request), body);
    FormParams params;
    WebhookRejection bodyProblem = null;
    try {
      params = WebhookBody.parse(contentType, body);
    } catch (WebhookRejection rejection) {
      params = FormParams.empty();
      bodyProblem = rejection;
    }
    SignatureCheck check = signatures.check(SignedRequest.fromJetty(request, body, params));
    SyncWebhook webhook = SyncWebhook.read(params);

    List<Violation> errors = new ArrayList<>();
    WebhookRejection rejection = bodyProblem;
    if (check.verdict() == SignatureVerdict.INVALID) {
      Violation signature = new Violation(TwilioSignature.HEADER, "signature",
          request.getHeaders().get(TwilioSignature.HEADER), check.reason());
      errors.add(signature);
      if (rejection == null && signatures.mode() == SignatureMode.ENFORCE) {
        List<Violation> all = new ArrayList<>(errors);
        all.addAll(webhook.violations());
        rejection = new WebhookRejection(403, "invalid_signature", all);
      }
    }
    if (bodyProblem != null) {
      errors.addAll(bodyProblem.violations());
    } else {
      errors.addAll(webhook.violations());
      if (rejection == null && !webhook.isValid()) {
        rejection = new WebhookRejection(400, "invalid_webhook", webhook.violations());
      }
    }

    Recording recording = new Recording(webhook, raw, check, errors, rejection, response, callback);
    if (rejection != null) {
      record(recording, EventStatus.REJECTED, null, null, null);
    } else {
      admit(recording, RedeliveryIndex.keys(raw));
    }
  }

  /** What one delivery records, whatever status it ends with. */
  private record Recording(SyncWebhook webhook, RawRequest raw, SignatureCheck check, List<Violation> errors,
      WebhookRejection rejection, Response response, Callback callback) {}

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
    CompletableFuture<SyncEvent> recorded = recorder.record(id -> new SyncEvent(id, clock.instant(), status,
        r.webhook(), r.raw(), r.check().verdict(), r.check().matchedUrl(), duplicateOf, r.errors()));
    BiConsumer<SyncEvent, Throwable> reply = (event, failure) -> {
      if (failure != null) {
        if (claimed != null) {
          redeliveries.release(claimed, mine);
          mine.completeExceptionally(failure);
        }
        // one line per failed delivery; the journal logged the cause's stack trace once, when it happened
        LOG.error("Could not journal a {} event; answered 503 so the sender retries: {}",
            r.webhook().eventType() == null ? "webhook" : r.webhook().eventType(), failureMessage(failure));
        JsonReplies.reject(r.response(), WebhookRejection.of(503, "journal_unavailable", "journal", "durable_write",
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
        JsonReplies.send(r.response(), 200, JsonReplies.accepted(event), r.callback());
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

  /** Every header as name, value pairs, in arrival order. */
  private static String[] headerPairs(Request request) {
    HttpFields fields = request.getHeaders();
    String[] pairs = new String[fields.size() * 2];
    int i = 0;
    for (HttpField field : fields) {
      if (i == pairs.length) {
        pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2 + 2);
      }
      pairs[i++] = field.getName();
      pairs[i++] = field.getValue() == null ? "" : field.getValue();
    }
    return i == pairs.length ? pairs : java.util.Arrays.copyOf(pairs, i);
  }
}
