package dev.syncwire.cli;

import dev.syncwire.harness.check.HandlerCheck;
import dev.syncwire.harness.check.HandlerReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncwire check-handler}: what a handler does with every event type and the forged, broken and odd cases. */
@Command(
    name = "check-handler",
    mixinStandardHelpOptions = true,
    description = {
      "Check that your local webhook handler survives what Twilio sends.",
      "It sends every Sync event type, signed, then a forged and an unsigned webhook,",
      "a missing parameter, a redelivery, events out of EventId order and a removal",
      "after its object is gone, and prints case, status, latency and verdict.",
      "Exit 0 without findings, 1 with, 2 on a usage error.",
      ""
    },
    footer = {"", "Example:",
      "  syncwire check-handler --url http://127.0.0.1:3000/sync --auth-token $TWILIO_AUTH_TOKEN"})
final class CheckHandlerCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  SyncwireCommand syncwire;

  @Option(names = "--url", required = true, paramLabel = "URL", converter = OptionValues.ForwardTo.class,
      description = "Your handler's URL; on this machine unless --allow-remote.")
  java.net.URI url;

  @CommandLine.Mixin
  SigningOptions signing = new SigningOptions();

  @Option(names = "--seed-dialect", description = "Also send every type in the seed document's names.")
  boolean seedDialect;

  @CommandLine.Mixin
  TimeoutOption timeout = new TimeoutOption();

  @CommandLine.Mixin
  FormatOption format = new FormatOption();

  @Option(names = "--allow-remote", description = "Send to a host that is not this machine (only a handler you own).")
  boolean allowRemote;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String token = signing.token(syncwire);
    if (!signing.signs(syncwire)) {
      err.println("check-handler signs its webhooks: give --auth-token TOKEN (or set $TWILIO_AUTH_TOKEN), the token your"
          + " handler checks signatures with, or --signing-key KEY_ID:SECRET");
      return 2;
    }
    HandlerCheck check = HandlerCheck.against(url).authToken(token).signingKey(signing.signingKey)
        .seedDialect(seedDialect).timeout(timeout.timeout);
    if (allowRemote) {
      check.allowRemote();
    }
    HandlerReport report;
    try {
      report = check.run();
    } catch (IllegalStateException e) {
      err.println("--url: " + e.getMessage());
      return 2;
    }
    out.print(format.json() ? report.toJson() + "\n" : report.table());
    out.flush();
    return report.hasFindings() ? 1 : 0;
  }
}
