package dev.syncwire.receiver.internal.http;

import dev.syncwire.receiver.ReplyPolicy;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to one accepted (or duplicate) webhook: the {@link ReplyPolicy} decides it while the
 * event is built, so the event records what was answered; it is sent once the event is recorded.
 */
final class WebhookAnswer {
  private final Function<SyncEvent, ScriptedReply> policy;
  /** Set under the recorder's lock; read after its future completed, which orders the two. */
  private ScriptedReply scripted;

  WebhookAnswer(Function<SyncEvent, ScriptedReply> policy) {
    this.policy = policy;
  }

  /** {@code event}, with the scripted reply noted in its errors when a rule applies to it. */
  SyncEvent decide(SyncEvent event) {
    scripted = policy.apply(event);
    if (scripted == null) {
      return event;
    }
    List<Violation> errors = new ArrayList<>(event.errors());
    errors.add(scripted.note());
    return new SyncEvent(event.id(), event.receivedAt(), event.status(), event.webhook(), event.request(),
        event.signature(), event.signatureUrl(), event.duplicateOf(), errors);
  }

  /** 200 with the accepted JSON, or what the rule scripted. */
  void send(Response response, SyncEvent event, Callback callback) {
    if (scripted == null) {
      JsonReplies.send(response, 200, JsonReplies.accepted(event), callback);
    } else {
      scripted.send(response, event, callback);
    }
  }
}
