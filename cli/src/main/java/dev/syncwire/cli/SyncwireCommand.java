package dev.syncwire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncwire}: the command line over the receiver, the fake and the fixtures. */
@Command(
    name = "syncwire",
    mixinStandardHelpOptions = true,
    versionProvider = SyncwireCommand.Version.class,
    description = {"Twilio Sync webhooks and REST API, testable and debuggable on one machine.", ""},
    subcommands = {UpCommand.class, ExecCommand.class, ReceiveCommand.class, FakeCommand.class, TriggerCommand.class, ReplayCommand.class,
        VerifyCommand.class, FixturesCommand.class, LintCommand.class, CheckHandlerCommand.class, CaCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Start with: syncwire up   (the receiver and the Sync fake, wired together)",
        "Or run your tests against both: syncwire exec -- npm test",
        "Exit codes: 0 ok, 1 failed while running, 2 bad option or configuration;",
        "exec exits with its command's code.",
        "Set SYNCWIRE_DEBUG=1 to see the stack trace behind an error."})
public final class SyncwireCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where the commands read $TWILIO_AUTH_TOKEN and $SYNCWIRE_DEBUG from; tests pass their own. */
  final Map<String, String> environment;

  /** How {@code receive}, {@code fake}, {@code up} and {@code exec} wait to be stopped: Ctrl-C, or at once in tests. */
  final StopSignal stopSignal;

  SyncwireCommand(Map<String, String> environment, StopSignal stopSignal) {
    this.environment = environment;
    this.stopSignal = stopSignal;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line with its output and errors going to {@code out} and {@code err} (the
   * event lines of {@code receive} and {@code up} still go to System.out). Returns the exit code.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.getenv(), StopSignal.ctrlC(), args);
  }

  static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, StopSignal stopSignal,
      String... args) {
    CommandLine cli = new CommandLine(new SyncwireCommand(environment, stopSignal))
        .setCaseInsensitiveEnumValuesAllowed(true);
    // Every subcommand lists -V, --version; without this each would print nothing.
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
    // Everything from the command's name on is the command's own: exec -- node -e '...' keeps its -e.
    cli.getSubcommands().get("exec").setStopAtPositional(true);
    ErrorPrinter errors = new ErrorPrinter(isSet(environment.get("SYNCWIRE_DEBUG")));
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
      stopSignal.closed(); // every way out, errors too: a shutdown hook must not wait for a command that has ended
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The environment variable's value, or null when it is unset or blank. */
  String environmentValue(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** Blocks until the user stops syncwire, then closes {@code resources} in order and says so on {@code out}. */
  void serveUntilStopped(PrintWriter out, AutoCloseable... resources) throws InterruptedException {
    stopSignal.await();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        spec.commandLine().getErr().println("while stopping: " + e.getMessage());
      }
    }
    out.println("syncwire stopped.");
    out.flush();
    stopSignal.closed();
  }

  private static boolean isSet(String flag) {
    return flag != null && !flag.isBlank() && !flag.equals("0") && !flag.equalsIgnoreCase("false");
  }

  /** When a long-running command should stop, and how it reports that it has closed everything. */
  interface StopSignal {
    /**
     * From now on, Ctrl-C or SIGTERM stops the command through its own close path: long-running
     * commands call it before they start anything, so a signal during start-up or before
     * {@link #await()} is not lost (exec once left its command running that way).
     */
    default void arm() {}

    /** Blocks until the command should stop. */
    void await() throws InterruptedException;

    /** Everything is closed (the journal flushed); the process may end. */
    void closed();

    /**
     * Stops on Ctrl-C; the shutdown hook waits (up to 10 s: exec gives its command 5 s) for {@link #closed()}
     * so the journal is flushed.
     */
    static StopSignal ctrlC() {
      CountDownLatch stopped = new CountDownLatch(1);
      CountDownLatch closed = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        stopped.countDown();
        try {
          closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "syncwire-shutdown");
      AtomicBoolean armed = new AtomicBoolean();
      return new StopSignal() {
        @Override
        public void arm() {
          if (armed.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(hook);
          }
        }

        @Override
        public void await() throws InterruptedException {
          arm();
          stopped.await();
        }

        @Override
        public void closed() {
          closed.countDown();
          if (armed.get()) {
            try {
              Runtime.getRuntime().removeShutdownHook(hook); // run() returns: nothing left to wait for
            } catch (IllegalStateException shuttingDown) {
              // the hook is running; closed() has just released it
            }
          }
        }
      };
    }
  }

  /** The project version, from the Maven-filtered {@code version.properties} (the jar manifest as a fallback). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"syncwire " + projectVersion()};
    }

    static String projectVersion() {
      try (InputStream in = SyncwireCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          Properties properties = new Properties();
          properties.load(in);
          String version = properties.getProperty("version");
          if (version != null && !version.isBlank() && !version.startsWith("${")) {
            return version;
          }
        }
      } catch (IOException e) {
        // fall through to the manifest
      }
      String version = SyncwireCommand.class.getPackage().getImplementationVersion();
      return version == null ? "(development build)" : version;
    }
  }
}
