package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.proxy.ProxySettings;
import dev.syncwire.receiver.SyncReceiver;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The fake and the receiver that {@code up} and {@code exec} run, the variables that reach them,
 * and the {@code --export-on-exit} writer that runs before the fake stops.
 */
record WiredServers(SyncApiFake fake, SyncReceiver receiver, String controlToken, AutoCloseable export)
    implements AutoCloseable {
  /** Variables that make the SDKs, our Node package and Serverless Toolkit talk to these servers (CONTRACT.md). */
  Map<String, String> environment() {
    Map<String, String> variables = FakeOptions.environment(fake);
    variables.put("SYNCWIRE_RECEIVER_URL", receiver.baseUrl().toString());
    variables.put("SYNCWIRE_CONTROL_URL", fake.controlUrl());
    if (controlToken != null) {
      variables.put(FakeOptions.CONTROL_TOKEN_VARIABLE, controlToken);
    }
    if (fake.proxyUrl() != null) {
      variables.putAll(ProxySettings.of(fake.proxyUrl(), fake.proxyCa()).environment());
    }
    return variables;
  }

  /** Where the receiver and the fake listen and what wires them; the same lines for {@code up} and {@code exec}. */
  void printBanner(PrintWriter out, String title) {
    out.println(title);
    out.println("  receiver:  POST " + receiver.webhookUrl() + "  (events: " + receiver.baseUrl()
        + "/api/events, live: /api/events/stream)");
    out.println("  inspector: open " + receiver.baseUrl() + "/ in a browser: live events, replay, the fake's state");
    out.println("  Sync fake: " + fake.baseUrl() + "  default service " + fake.defaultServiceSid());
    if (fake.proxyUrl() != null) {
      out.println("  proxy:     " + fake.proxyUrl() + "  (HTTPS_PROXY for unmodified code: sync.twilio.com is this fake;"
          + " CA " + fake.proxyCa().certificateFile() + ")");
    }
    out.println("  clock:     " + ClockSetting.describe(fake.clock()));
    String signing = fake.webhookSigningKey() == null ? "the auth token"
        : "signing key " + fake.webhookSigningKey().id() + " (HMAC-SHA256, as a Webhook Rule signs)";
    out.println("  webhooks:  every change to the default service is posted, signed with " + signing + ", to the receiver.");
    out.println("             webhooks_from_rest_enabled is ON (Twilio's default is off) so you see what your REST calls fire.");
  }

  /** Writes the export (while the state is whole), stops the fake (no more webhooks), then the receiver (journal flushed). */
  @Override
  public void close() {
    try {
      export.close();
    } catch (Exception e) {
      throw new IllegalStateException("--export-on-exit: " + e.getMessage(), e);
    } finally {
      try {
        fake.close();
      } finally {
        receiver.close();
      }
    }
  }
}
