package dev.syncwire.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncwire}: the command line over the receiver, the fake and the fixtures. */
@Command(
    name = "syncwire",
    mixinStandardHelpOptions = true,
    versionProvider = SyncwireCommand.Version.class,
    description = {"Twilio Sync webhooks and REST API, testable and debuggable on one machine.", ""},
    subcommands = {UpCommand.class, ReceiveCommand.class, FakeCommand.class, TriggerCommand.class, ReplayCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Start with: syncwire up   (the receiver and the Sync fake, wired together)"})
public final class SyncwireCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line with its output and errors going to {@code out} and {@code err} (for
   * {@code trigger}, {@code replay} and help; {@code receive}, {@code fake} and {@code up} still
   * print to System.out). Returns the exit code.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SyncwireCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SyncwireCommand.class.getPackage().getImplementationVersion();
      return new String[] {"syncwire " + (version == null ? "(development build)" : version)};
    }
  }
}
