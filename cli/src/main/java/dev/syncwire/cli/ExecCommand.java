package dev.syncwire.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code syncwire exec}: what {@code up} starts, on free ports, for as long as one command runs,
 * with the variables that reach both in the command's environment (as Firebase's
 * {@code emulators:exec}). Example: {@code syncwire exec -- npm test}.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ExecCommand.FreePorts.class,
    description = {
      "Run a command against the receiver and the Sync fake, then stop both.",
      "It starts what up starts, on free ports unless told, and runs the command",
      "with TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SYNC_SERVICE_SID and the",
      "SYNCWIRE_SYNC_BASE_URL, SYNCWIRE_RECEIVER_URL and SYNCWIRE_CONTROL_URL",
      "variables set (TWILIO_REGION and TWILIO_EDGE removed). syncwire's own lines go",
      "to stderr; the command keeps stdin and stdout. Exits with the command's code",
      "(128+N if a signal N ended it, 127 if it is not found, 126 if it cannot run).",
      "With --proxy it also gets HTTPS_PROXY, HTTP_PROXY (and lower case), NO_PROXY,",
      "NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE, CURL_CA_BUNDLE and",
      "JAVA_TOOL_OPTIONS: unmodified code calling sync.twilio.com reaches the fake.",
      ""
    },
    footer = {"", "Example: syncwire exec -- npm test",
        "         syncwire exec --seed 7 -- node -e 'console.log(process.env.SYNCWIRE_SYNC_BASE_URL)'",
        "         syncwire exec --proxy -- node app.js   (app.js unchanged: twilio(sid, token).sync...)"})
final class ExecCommand implements Callable<Integer> {
  /** How long a stopped command gets to finish after SIGTERM; the shutdown hook waits longer than this. */
  static final long GRACE_SECONDS = 5;

  /** Variables the command does not get: with either set, the Twilio SDKs send requests to Twilio's hosts. */
  static final List<String> REMOVED_VARIABLES = List.of("TWILIO_REGION", "TWILIO_EDGE");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ParentCommand
  SyncwireCommand syncwire;

  @Mixin
  UpOptions options = new UpOptions();

  @Parameters(paramLabel = "COMMAND", arity = "0..*",
      description = "The command and its arguments, after --: it runs with the variables above set.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    syncwire.stopSignal.arm();
    if (command.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "exec needs a command to run after --;"
          + " usage: syncwire exec [OPTIONS] -- COMMAND [ARGUMENTS...], such as: syncwire exec -- npm test");
    }
    PrintWriter err = spec.commandLine().getErr();
    // stdout belongs to the command: the banner and the receiver's event lines go to stderr.
    WiredServers servers = options.start(System.err, options.color.colored(syncwire.environment));
    try (EnvFile envFile = options.writeEnvFile(servers)) {
      try {
        servers.printBanner(err, "syncwire exec");
        Process child = start(servers, err);
        if (child == null) {
          return launchFailureCode();
        }
        Thread stopper = new Thread(() -> stopWhenAsked(child, err), "syncwire-exec-stopper");
        stopper.setDaemon(true);
        stopper.start();
        int exitCode = child.waitFor();
        err.println("syncwire exec: " + command.get(0) + " exited with " + exitCode + describeSignal(exitCode)
            + "; stopping the receiver and the fake.");
        err.flush();
        return exitCode;
      } finally {
        servers.close();
      }
    } finally {
      syncwire.stopSignal.closed();
    }
  }

  /** The started command, or null (after saying why on {@code err}) when it could not start. */
  private Process start(WiredServers servers, PrintWriter err) {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(syncwire.environment);
    List<String> removed = REMOVED_VARIABLES.stream().filter(environment::containsKey)
        .map(name -> name + "=" + environment.remove(name)).toList();
    if (!removed.isEmpty()) {
      err.println("syncwire exec: not passing " + String.join(" and ", removed) + " to the command: with "
          + (removed.size() == 1 ? "it" : "them") + " set the Twilio SDKs rewrite the fake's host to Twilio's.");
    }
    Map<String, String> variables = servers.environment();
    environment.putAll(variables);
    err.println("  running:   " + String.join(" ", command) + "  with " + String.join(", ", variables.keySet()));
    err.flush();
    try {
      return builder.start();
    } catch (IOException e) {
      int code = launchFailureCode();
      err.println(code == 127
          ? "syncwire exec: " + command.get(0) + ": command not found"
              + (command.get(0).contains(File.separator) ? "" : " (not in any folder on $PATH)")
              + "; check its name, or give its path."
          : "syncwire exec: " + command.get(0) + ": cannot run it (" + reason(e) + ");"
              + " make it executable (chmod +x) or run it through its interpreter, such as sh " + command.get(0) + ".");
      err.flush();
      return null;
    }
  }

  /** As shells do: 127 when the program is nowhere to be found, 126 when it is there but cannot run. */
  private int launchFailureCode() {
    String program = command.get(0);
    Stream<Path> candidates;
    try {
      if (program.contains(File.separator)) {
        candidates = Stream.of(Path.of(program));
      } else {
        String path = syncwire.environment.getOrDefault("PATH", "");
        candidates = Stream.of(path.split(File.pathSeparator)).filter(folder -> !folder.isEmpty())
            .map(folder -> Path.of(folder, program));
      }
      return candidates.anyMatch(Files::exists) ? 126 : 127;
    } catch (InvalidPathException e) {
      return 127;
    }
  }

  /** Waits for Ctrl-C or SIGTERM, then stops the command and everything it started: politely, then forcibly. */
  private void stopWhenAsked(Process child, PrintWriter err) {
    try {
      syncwire.stopSignal.await();
      if (!child.isAlive()) {
        return;
      }
      List<ProcessHandle> started = child.descendants().collect(Collectors.toList());
      err.println("syncwire exec: stopping " + command.get(0) + " (pid " + child.pid() + ")...");
      err.flush();
      child.destroy();
      started.forEach(ProcessHandle::destroy);
      if (!child.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        err.println("syncwire exec: " + command.get(0) + " did not stop within " + GRACE_SECONDS + " s; killing it.");
        err.flush();
        child.destroyForcibly();
      }
      started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describeSignal(int exitCode) {
    return exitCode > 128 && exitCode < 128 + 65 ? " (ended by signal " + (exitCode - 128) + ")" : "";
  }

  private static String reason(IOException e) {
    String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    int error = message.indexOf(", ");
    return error >= 0 && message.startsWith("error=") ? message.substring(error + 2) : message;
  }

  /** exec's ports default to 0 (free ones), so two runs side by side never collide; up keeps 8080 and 4010. */
  static final class FreePorts implements CommandLine.IDefaultValueProvider {
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
      if (argument instanceof CommandLine.Model.OptionSpec option
          && (option.longestName().equals("--port") || option.longestName().equals("--fake-port"))) {
        return "0";
      }
      return null;
    }
  }
}
