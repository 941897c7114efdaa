package dev.syncwire.cli;

import dev.syncwire.fixtures.ContractVerifier;
import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.Finding;
import dev.syncwire.fixtures.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code syncwire verify}: checks captured webhooks against the Sync contract. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check captured Sync webhooks against the contract Twilio follows.",
      "Reads a receiver journal (receive --journal), a JSON array of events",
      "(GET /api/events) or a folder of fixture files. Checks each webhook's type,",
      "parameters, SIDs, lengths and JSON data; its signature with --auth-token;",
      "and per object, EventId gaps, repeats and order, and revisions going back.",
      "One line per problem, then a summary. Exit code 0 when clean, 1 on findings,",
      "2 on a usage error or a file it cannot read.",
      ""
    },
    footer = {"",
      "Examples:",
      "  syncwire verify events.jsonl",
      "  syncwire verify events.jsonl --auth-token $TWILIO_AUTH_TOKEN --dialect real",
      "  curl -s http://127.0.0.1:8080/api/events > events.json && \\",
      "      syncwire verify events.json --format json"})
final class VerifyCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "Journals, JSON arrays of events, fixture files or folders of them; checked as one stream, in order.")
  List<Path> files = new ArrayList<>();

  @CommandLine.Mixin
  CheckingOptions signatures = new CheckingOptions();

  @Option(names = "--url", paramLabel = "URL",
      description = "The URL Twilio signed, when the recorded one is not it (a tunnel). Default: as recorded.")
  String url;

  @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "any",
      description = "any (default: both accepted) or real (the seed's names and parameters are findings).")
  String dialect;

  @CommandLine.Mixin
  FormatOption format = new FormatOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!dialect.equals("any") && !dialect.equals("real")) {
      err.println("--dialect must be any (both dialects accepted) or real (the seed's names are findings); received '"
          + dialect + "'");
      return 2;
    }
    ContractVerifier.Builder builder = ContractVerifier.builder().signedUrl(url)
        .dialect(dialect.equals("real") ? Dialect.REAL : null);
    signatures.authTokens.forEach(builder::authToken);
    signatures.signingKeys().forEach(builder::signingKey);
    boolean text = !format.json();
    ContractVerifier.Run run = builder.build().start();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        CapturedEvents.read(file, (event, name, line) -> {
          List<Finding> found = run.add(event, name, line);
          if (text) {
            found.forEach(out::println);
          }
        }, problems);
      } catch (CapturedEvents.Unreadable e) {
        err.println("syncwire verify: " + e.getMessage());
        return 2;
      }
    }
    VerificationReport report = run.report();
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("syncwire verify: " + p));
      err.println("syncwire verify: " + problems.size() + " line(s) are not recorded events; fix or remove them"
          + " (what was read: " + report.summary() + ")");
      return 2;
    }
    if (text) {
      out.println(report.summary());
    } else {
      out.println(report.toJson("verify"));
    }
    out.flush();
    return report.isClean() ? 0 : 1;
  }
}
