package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code syncwire up}: the receiver and the fake, wired together. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the webhook receiver and the Sync API fake, wired together.",
      "The fake's default service posts a signed webhook for every change to the",
      "receiver, which checks it with the same token and prints one line per event.",
      ""
    },
    footer = {"", "Example: syncwire up --port 8080 --fake-port 4010"})
final class UpCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ParentCommand
  SyncwireCommand syncwire;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "Receiver port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--fake-port", defaultValue = "4010", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "Sync API fake port. Default: ${DEFAULT-VALUE}.")
  int fakePort;

  @Option(names = "--journal", paramLabel = "FILE", converter = OptionValues.JournalFile.class,
      description = "Append every event to this JSON Lines file; read back on start.")
  Path journal;

  @Mixin
  FakeOptions options = new FakeOptions();

  @Override
  public Integer call() throws InterruptedException {
    // The fake decides the token (derived from the seed unless given); start it first, then point it at the receiver.
    SyncApiFake fake = options.start(SyncApiFake.builder().webhooksFromRestEnabled(true), "--fake-port", fakePort);
    SyncReceiver receiver;
    try {
      receiver = ReceiveCommand.start(ReceiverConfig.builder().host(options.host.getHostAddress()).port(port).authToken(fake.authToken())
          .journal(journal).console(System.out).build());
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    fake.updateDefaultService(receiver.webhookUrl().toString(), true);
    PrintWriter out = spec.commandLine().getOut();
    out.println("syncwire up");
    out.println("  receiver:  POST " + receiver.webhookUrl() + "  (events: " + receiver.baseUrl()
        + "/api/events, live: /api/events/stream)");
    out.println("  Sync fake: " + fake.baseUrl() + "  default service " + fake.defaultServiceSid());
    out.println("  clock:     " + ClockSetting.describe(fake.clock()));
    out.println("  webhooks:  every change to the default service is posted, signed with the auth token, to the receiver.");
    out.println("             webhooks_from_rest_enabled is ON (Twilio's default is off) so you see what your REST calls fire.");
    FakeOptions.printEnvironment(out, fake);
    out.println("Press Ctrl-C to stop.");
    out.flush();
    syncwire.serveUntilStopped(out, options.exportOnExit(fake), fake, receiver);
    return 0;
  }
}
