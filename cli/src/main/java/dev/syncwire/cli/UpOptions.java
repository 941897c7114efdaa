package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code up} and {@code exec} start and how: both ports, the journal, the env file and the
 * fake's own options. {@code exec} gives the ports other defaults through its default provider.
 */
final class UpOptions {
  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "Receiver port, 0 for a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--fake-port", defaultValue = "4010", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "Sync fake port, 0 for a free one. Default: ${DEFAULT-VALUE}.")
  int fakePort;

  @Mixin
  JournalOption journal = new JournalOption();

  @Option(names = "--env-file", paramLabel = "FILE", converter = OptionValues.EnvFilePath.class,
      description = "Write the variables to export to this dotenv file once both servers listen; removed on stop.")
  Path envFile;

  @Mixin
  FakeOptions fake = new FakeOptions();

  @Mixin
  ColorOption color = new ColorOption();

  /**
   * Starts the fake, then the receiver with the fake's token, and points the fake's default service
   * at the receiver. The receiver prints one line per event on {@code console}, coloured or not.
   */
  WiredServers start(PrintStream console, boolean consoleColor) {
    return start(console, consoleColor, null);
  }

  /** {@link #start(PrintStream, boolean)}, the receiver forwarding each accepted event to {@code forwardTo} (null: nowhere). */
  WiredServers start(PrintStream console, boolean consoleColor, java.net.URI forwardTo) {
    // The fake decides the token (derived from the seed unless given); start it first, then point it at the receiver.
    SyncApiFake started = fake.start(SyncApiFake.builder().webhooksFromRestEnabled(true), "--fake-port", fakePort);
    SyncReceiver receiver;
    try {
      ReceiverConfig.Builder config = ReceiverConfig.builder().host(fake.host.getHostAddress()).port(port)
          .authToken(started.authToken()).journal(journal.journal).console(console).consoleColor(consoleColor).forwardTo(forwardTo)
          .stateSource(() -> started.snapshot().toJson());
      if (started.webhookSigningKey() != null) { // the receiver checks what the fake signs
        config.signingKey(started.webhookSigningKey().id(), started.webhookSigningKey().secret());
      }
      receiver = ReceiveCommand.start(config.build());
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    started.updateDefaultService(receiver.webhookUrl().toString(), true);
    fake.importInto(started, true);
    return new WiredServers(started, receiver, fake.controlToken(), fake.exportOnExit(started));
  }

  /** Writes {@code --env-file} if it was given (null otherwise); on failure closes {@code servers} first. */
  EnvFile writeEnvFile(WiredServers servers) {
    if (envFile == null) {
      return null;
    }
    try {
      return EnvFile.write(envFile, servers.environment());
    } catch (StartupError e) {
      servers.close();
      throw e;
    }
  }
}
