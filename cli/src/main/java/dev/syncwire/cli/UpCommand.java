package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code syncwire up}: the receiver and the fake, wired together. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the webhook receiver and the Sync API fake wired together: the fake's default service",
      "posts signed webhooks for every change to the receiver, which checks them with the same token",
      "and prints one line per event.",
      ""
    },
    footer = {"", "Example: syncwire up --port 8080 --fake-port 4010"})
final class UpCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "Receiver port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--fake-port", defaultValue = "4010", description = "Sync API fake port. Default: ${DEFAULT-VALUE}.")
  int fakePort;

  @Option(names = "--journal", paramLabel = "FILE", description = "Append every event to this JSON Lines file; read back on start.")
  Path journal;

  @Mixin
  FakeOptions options = new FakeOptions();

  @Override
  public Integer call() throws InterruptedException {
    // The fake decides the token (derived from the seed unless given); start it first, then point it at the receiver.
    SyncApiFake fake = options.apply(SyncApiFake.builder().port(fakePort).webhooksFromRestEnabled(true)).start();
    SyncReceiver receiver;
    try {
      receiver = SyncReceiver.start(ReceiverConfig.builder().port(port).authToken(fake.authToken())
          .journal(journal).console(System.out).build());
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    fake.updateDefaultService(receiver.webhookUrl().toString(), true);
    System.out.println("syncwire up");
    System.out.println("  receiver:  POST " + receiver.webhookUrl() + "  (events: " + receiver.baseUrl()
        + "/api/events, live: /api/events/stream)");
    System.out.println("  Sync fake: " + fake.baseUrl() + "  default service " + fake.defaultServiceSid());
    System.out.println("  webhooks:  every change to the default service is posted, signed with the auth token, to the receiver.");
    System.out.println("             webhooks_from_rest_enabled is ON (Twilio's default is off) so you see what your REST calls fire.");
    FakeOptions.printEnvironment(fake);
    System.out.println("Press Ctrl-C to stop.");
    ReceiveCommand.awaitShutdown(fake, receiver);
    return 0;
  }
}
