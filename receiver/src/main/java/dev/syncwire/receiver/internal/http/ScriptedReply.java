package dev.syncwire.receiver.internal.http;

import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.ReplyPolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What one {@link ReplyPolicy} rule answers to one webhook: a status (with a body or the receiver's
 * JSON), after a delay, or a dropped connection. Written only after the event is recorded.
 *
 * @param left how many more webhooks the rule applies to, -1 when always
 * @param times how many it was armed for, -1 when always
 */
public record ScriptedReply(String ruleId, int status, String body, Duration delay, boolean drop, int left, int times) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What was answered, as the event records it in {@code errors}. */
  Violation note() {
    String answered = drop ? "drop" : String.valueOf(answeredStatus());
    String received = answered + (delay.isZero() ? "" : " after " + delay);
    String what = drop ? "the connection was closed without an answer" : "answered " + answeredStatus();
    String outcome = drop || answeredStatus() >= 300 ? "the sender was told the delivery failed"
        : "the sender was told it arrived";
    return new Violation("reply", ReplyPolicy.NOTE_RULE, received, what + (delay.isZero() ? "" : " after " + delay)
        + " by reply policy rule " + ruleId + " (" + (times < 0 ? "always" : left + " of " + times + " left")
        + "); the event is recorded and " + outcome);
  }

  private int answeredStatus() {
    return status == 0 ? 200 : status;
  }

  /** Answers {@code event}'s delivery as scripted, after the delay on Jetty's scheduler. */
  void send(Response response, SyncEvent event, Callback callback) {
    if (delay.isZero()) {
      answer(response, event, callback);
      return;
    }
    response.getRequest().getComponents().getScheduler()
        .schedule(() -> answer(response, event, callback), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void answer(Response response, SyncEvent event, Callback callback) {
    if (drop) {
      // Close the socket under the request: the sender gets no status line at all. Succeeding (not
      // failing) the callback keeps Jetty from logging an error it would then try to answer.
      response.getRequest().getConnectionMetaData().getConnection().getEndPoint().close();
      callback.succeeded();
      return;
    }
    int answered = answeredStatus();
    if (body != null) {
      response.setStatus(answered);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE,
          isJson(body) ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    } else if (answered == 204) {
      response.setStatus(answered);
      response.write(true, null, callback);
    } else if (answered < 300) {
      JsonReplies.send(response, answered, JsonReplies.accepted(event), callback);
    } else {
      Violation note = note();
      JsonReplies.reject(response, ApiError.of(answered, "reply_policy", note.field(), note.rule(),
          note.received(), note.message()), event.id(), callback);
    }
  }

  private static boolean isJson(String text) {
    try {
      JSON.readTree(text);
      return !text.isBlank();
    } catch (IOException e) {
      return false;
    }
  }
}
