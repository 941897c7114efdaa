package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import picocli.CommandLine.Option;

/** The fake's account, token, service and seed: shared by {@code fake} and {@code up}. */
final class FakeOptions {
  @Option(names = "--account-sid", paramLabel = "AC...", description = "Account SID the fake accepts. Default: derived from --seed.")
  String accountSid;

  @Option(names = "--auth-token", paramLabel = "TOKEN",
      description = "Auth token the fake accepts and signs webhooks with. Default: derived from --seed.")
  String authToken;

  @Option(names = "--service-sid", paramLabel = "IS...", description = "SID of the ready default Sync service. Default: derived from --seed.")
  String serviceSid;

  @Option(names = "--seed", defaultValue = "" + SyncApiFake.Builder.DEFAULT_SEED, paramLabel = "N",
      description = "Seed for every SID, so two runs give the same SIDs. Default: ${DEFAULT-VALUE}.")
  long seed;

  SyncApiFake.Builder apply(SyncApiFake.Builder builder) {
    builder.seed(seed);
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

  static void printEnvironment(SyncApiFake fake) {
    System.out.println("  export TWILIO_ACCOUNT_SID=" + fake.accountSid());
    System.out.println("  export TWILIO_AUTH_TOKEN=" + fake.authToken());
    System.out.println("  export TWILIO_SYNC_SERVICE_SID=" + fake.defaultServiceSid());
    System.out.println("  export SYNCWIRE_SYNC_BASE_URL=" + fake.baseUrl());
    System.out.println("Node:  client.sync.baseUrl = process.env.SYNCWIRE_SYNC_BASE_URL;");
    System.out.println("Java:  new TwilioRestClient.Builder(sid, token).httpClient(new FakeHttpClient(baseUrl)).build();");
  }
}
