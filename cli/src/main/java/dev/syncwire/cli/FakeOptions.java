package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The fake's account, token, service, seed and clock: shared by {@code fake}, {@code up} and {@code exec}. */
final class FakeOptions {
  @Option(names = "--account-sid", paramLabel = "AC...", converter = OptionValues.AccountSid.class,
      description = "Account SID the fake accepts. Default: derived from --seed.")
  String accountSid;

  @Option(names = "--auth-token", paramLabel = "TOKEN", converter = OptionValues.AuthToken.class,
      description = "Auth token the fake accepts and signs webhooks with. Default: derived from --seed.")
  String authToken;

  @Option(names = "--service-sid", paramLabel = "IS...", converter = OptionValues.ServiceSid.class,
      description = "SID of the ready default Sync service. Default: derived from --seed.")
  String serviceSid;

  @Option(names = "--seed", defaultValue = "" + SyncApiFake.Builder.DEFAULT_SEED, paramLabel = "N",
      description = "Seed for every SID, so two runs give the same SIDs. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--clock", defaultValue = "system", paramLabel = "system|manual[=INSTANT]",
      converter = OptionValues.Clock.class,
      description = {"system: real time, TTLs expire on their own (the default).",
          "manual: time stands still until moved; manual=2026-01-01T00:00:00Z starts it there."})
  ClockSetting clock = ClockSetting.SYSTEM;

  SyncApiFake.Builder apply(SyncApiFake.Builder builder) {
    builder.seed(seed).clock(clock.newClock());
    if (accountSid != null) {
      builder.accountSid(accountSid);
    }
    if (authToken != null) {
      builder.authToken(authToken);
    }
    if (serviceSid != null) {
      builder.serviceSid(serviceSid);
    }
    return builder;
  }

  /** Starts the fake on {@code port}, reporting a busy port in terms of {@code portOption}. */
  SyncApiFake start(SyncApiFake.Builder builder, String portOption, int port) {
    try {
      return apply(builder.port(port)).start();
    } catch (IllegalStateException e) {
      throw StartupError.cannotListen(portOption, "127.0.0.1", port, e);
    }
  }

  /** The fake's own variables, for {@code fake}; {@code up} and {@code exec} add the receiver's (WiredServers). */
  static Map<String, String> environment(SyncApiFake fake) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("TWILIO_ACCOUNT_SID", fake.accountSid());
    variables.put("TWILIO_AUTH_TOKEN", fake.authToken());
    variables.put("TWILIO_SYNC_SERVICE_SID", fake.defaultServiceSid());
    variables.put("SYNCWIRE_SYNC_BASE_URL", fake.baseUrl());
    variables.put("SYNCWIRE_CONTROL_URL", fake.baseUrl() + "/__syncwire");
    return variables;
  }

  static void printEnvironment(PrintWriter out, Map<String, String> variables) {
    variables.forEach((name, value) -> out.println("  export " + name + "=" + value));
    out.println("Node:  client.sync.baseUrl = process.env.SYNCWIRE_SYNC_BASE_URL;");
    out.println("Java:  new TwilioRestClient.Builder(sid, token).httpClient(new FakeHttpClient(baseUrl)).build();");
  }
}
