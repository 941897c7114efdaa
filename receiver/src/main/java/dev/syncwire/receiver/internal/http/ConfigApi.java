package dev.syncwire.receiver.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What a viewer (the page) needs to know about this receiver: {@code GET /api/config}, {@code
 * {"forwardTo":url|null,"signing":true|false,"webhookUrl":...,"state":true|false}}, and
 * {@code GET /api/state}, the Sync state beside it when it runs with the fake ({@code syncwire up}).
 */
public final class ConfigApi {
  private final String forwardTo;
  private final boolean signing;
  private final Supplier<String> webhookUrl;
  private final Supplier<String> state;

  /**
   * @param forwardTo the forward target, or null
   * @param signing whether forwards and replays are signed (the receiver has an auth token)
   * @param webhookUrl where Sync should post, known once the receiver listens
   * @param state the state as JSON text, or null when there is none
   */
  public ConfigApi(String forwardTo, boolean signing, Supplier<String> webhookUrl, Supplier<String> state) {
    this.forwardTo = forwardTo;
    this.signing = signing;
    this.webhookUrl = webhookUrl;
    this.state = state;
  }

  void config(Response response, Callback callback) {
    JsonReplies.send(response, 200, g -> {
      g.writeStartObject();
      g.writeStringField("forwardTo", forwardTo);
      g.writeBooleanField("signing", signing);
      g.writeStringField("webhookUrl", webhookUrl.get());
      g.writeBooleanField("state", state != null);
      g.writeEndObject();
    }, callback);
  }

  void state(Response response, Callback callback) {
    if (state == null) {
      throw ApiError.of(404, "no_state", "state", "fake_running", null,
          "no state: this receiver runs without a fake (use ./syncwire up)");
    }
    JsonReplies.send(response, 200, state.get().getBytes(StandardCharsets.UTF_8), callback);
  }
}
