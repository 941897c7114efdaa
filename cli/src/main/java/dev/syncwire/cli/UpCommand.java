package dev.syncwire.cli;

import java.io.PrintWriter;
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
      "--env-file writes the variables to export as a dotenv file while it runs.",
      "--proxy also makes the fake an HTTPS proxy, for unmodified code.",
      ""
    },
    footer = {"", "Example: syncwire up --port 8080 --fake-port 4010 --env-file .env.syncwire",
        "         syncwire up --proxy   (then: export the printed lines and run your code unchanged)"})
final class UpCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ParentCommand
  SyncwireCommand syncwire;

  @Mixin
  UpOptions options = new UpOptions();

  @Option(names = "--stop-with-parent",
      description = "Stop (as on Ctrl-C) when the process that started syncwire exits, even by kill -9:"
          + " for tools that launch it, such as the Node package.")
  boolean stopWithParent;

  @Option(names = "--forward-to", paramLabel = "URL", converter = OptionValues.ForwardTo.class,
      description = "Send each accepted event on to your handler at URL, re-signed for it with the fake's auth token.")
  java.net.URI forwardTo;

  @Override
  public Integer call() throws InterruptedException {
    syncwire.stopSignal.arm();
    WiredServers servers = options.start(System.out, options.color.colored(syncwire.environment), forwardTo);
    EnvFile envFile = options.writeEnvFile(servers);
    PrintWriter out = spec.commandLine().getOut();
    servers.printBanner(out, "syncwire up");
    if (forwardTo != null) {
      out.println("  forward:   " + forwardTo + " (each accepted event, re-signed for it)");
    }
    FakeOptions.printEnvironment(out, servers.environment());
    ProxyOptions.printBanner(out, servers.fake());
    if (envFile != null) {
      out.println("Env file: " + envFile.path().toAbsolutePath() + " (removed on stop)");
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    if (stopWithParent) {
      // A launcher killed with -9 cannot stop us; its exit runs the same shutdown path as Ctrl-C.
      ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
    // The env file goes first: once the servers stop, what it says is no longer true.
    syncwire.serveUntilStopped(out, envFile == null ? () -> { } : envFile, servers);
    return 0;
  }
}
