package dev.syncwire.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncwire}: the command line over the receiver, the fake and the fixtures. */
@Command(
    name = "syncwire",
    mixinStandardHelpOptions = true,
    versionProvider = SyncwireCommand.Version.class,
    description = {"Twilio Sync webhooks and REST API, testable and debuggable on one machine.", ""},
    subcommands = {UpCommand.class, ReceiveCommand.class, FakeCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Start with: syncwire up   (the receiver and the Sync fake, wired together)"})
public final class SyncwireCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    return new CommandLine(new SyncwireCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SyncwireCommand.class.getPackage().getImplementationVersion();
      return new String[] {"syncwire " + (version == null ? "(development build)" : version)};
    }
  }
}
