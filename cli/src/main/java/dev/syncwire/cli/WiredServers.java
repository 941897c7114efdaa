package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.SyncReceiver;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fake and the receiver that {@code up} and {@code exec} run, and the variables that reach them. */
record WiredServers(SyncApiFake fake, SyncReceiver receiver) implements AutoCloseable {
  /** Variables that make the SDKs, our Node package and Serverless Toolkit talk to these servers (CONTRACT.md). */
  Map<String, String> environment() {
    Map<String, String> variables = new LinkedHashMap<>(FakeOptions.environment(fake));
    variables.put("SYNCWIRE_RECEIVER_URL", receiver.baseUrl().toString());
    return variables;
  }

  /** Where the receiver and the fake listen and what wires them; the same lines for {@code up} and {@code exec}. */
  void printBanner(PrintWriter out, String title) {
    out.println(title);
    out.println("  receiver:  POST " + receiver.webhookUrl() + "  (events: " + receiver.baseUrl()
        + "/api/events, live: /api/events/stream)");
    out.println("  Sync fake: " + fake.baseUrl() + "  default service " + fake.defaultServiceSid());
    out.println("  clock:     " + ClockSetting.describe(fake.clock()));
    out.println("  webhooks:  every change to the default service is posted, signed with the auth token, to the receiver.");
    out.println("             webhooks_from_rest_enabled is ON (Twilio's default is off) so you see what your REST calls fire.");
  }

  /** Stops the fake (no more webhooks), then the receiver (its journal flushed). */
  @Override
  public void close() {
    try {
      fake.close();
    } finally {
      receiver.close();
    }
  }
}
