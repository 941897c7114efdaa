package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.fake.internal.FakeCoverage;
import dev.syncwire.receiver.internal.recording.ConsoleStyle;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code syncwire fake}: the stateful Sync REST API fake, standalone. */
@Command(
    name = "fake",
    mixinStandardHelpOptions = true,
    description = {
      "Run a stateful fake of the Twilio Sync v1 REST API.",
      "The official SDKs talk to it on 127.0.0.1. It starts with a ready default",
      "service and prints the environment to export, then one line per webhook",
      "delivery: its status and latency, or why it failed, and the URL.",
      ""
    },
    footer = {"", "Examples:", "  syncwire fake --port 4010 --webhook-url http://127.0.0.1:3000/sync \\",
        "      --webhooks-from-rest", "  syncwire fake --coverage --format json > coverage.json",
        "  syncwire fake --proxy   (unmodified code reaches it with the printed HTTPS_PROXY and CA settings)"})
final class FakeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ParentCommand
  SyncwireCommand syncwire;

  @Option(names = "--port", defaultValue = "4010", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "Port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--webhook-url", paramLabel = "URL", description = "The default service's webhook_url.")
  String webhookUrl;

  @Option(names = "--webhooks-from-rest", description = "Fire webhooks for REST-made changes (Twilio's default is off).")
  boolean webhooksFromRest;

  @Option(names = "--coverage",
      description = "Print what the fake covers of the bundled Sync spec and exit 0: each operation, its response"
          + " fields and which the fake returns, the errors it can answer with, and what is not covered.")
  boolean coverage;

  @Mixin
  FormatOption format = new FormatOption();

  @Mixin
  FakeOptions options = new FakeOptions();

  @Mixin
  ColorOption color = new ColorOption();

  @Override
  public Integer call() throws InterruptedException {
    checkCoverageFlags();
    if (coverage) {
      FakeCoverage report = FakeCoverage.measure();
      PrintWriter out = spec.commandLine().getOut();
      out.print(format.json() ? report.json() + System.lineSeparator() : report.text());
      out.flush();
      return 0;
    }
    syncwire.stopSignal.arm();
    PrintWriter out = spec.commandLine().getOut();
    DeliveryLog deliveries = new DeliveryLog(out, ConsoleStyle.of(color.colored(syncwire.environment)));
    SyncApiFake fake = options.start(SyncApiFake.builder().webhookUrl(webhookUrl)
        .webhooksFromRestEnabled(webhooksFromRest).onDeliveryFinished(deliveries), "--port", port);
    options.importInto(fake, webhookUrl != null); // given flags win over the file's webhook settings
    out.println("syncwire Sync API fake listening on " + fake.baseUrl());
    out.println("  default service: " + fake.defaultServiceSid()
        + (webhookUrl == null && options.importFile != null ? " (webhook settings as in --import " + options.importFile + ")"
            : webhookUrl == null ? " (no webhook_url)" : " -> " + webhookUrl
            + (webhooksFromRest ? " (REST changes fire webhooks)" : " (REST changes fire none, as on Twilio; --webhooks-from-rest to change)")));
    out.println("  clock: " + ClockSetting.describe(fake.clock()));
    Map<String, String> variables = FakeOptions.environment(fake);
    variables.put("SYNCWIRE_CONTROL_URL", fake.controlUrl());
    if (options.controlToken() != null) {
      variables.put(FakeOptions.CONTROL_TOKEN_VARIABLE, options.controlToken());
    }
    variables.putAll(options.proxy.environment(fake));
    FakeOptions.printEnvironment(out, variables);
    ProxyOptions.printBanner(out, fake);
    out.println("One line per webhook delivery below: its status and latency, or why it failed, and the URL.");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    syncwire.serveUntilStopped(out, options.exportOnExit(fake), fake);
    return 0;
  }

  /** --coverage prints a report and starts nothing to configure: every other flag is a mistake, and --format needs it. */
  private void checkCoverageFlags() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (!coverage) {
      if (parsed.hasMatchedOption("--format")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--format " + parsed.matchedOption("--format")
            .stringValues().get(0) + " applies only to --coverage, which it formats; add --coverage or drop --format.");
      }
      return;
    }
    for (CommandLine.Model.OptionSpec option : parsed.matchedOptions()) {
      String name = option.longestName();
      if (!name.equals("--coverage") && !name.equals("--format")) {
        List<String> values = option.stringValues();
        String given = option.arity().max() == 0 || values.isEmpty() ? name : name + " " + values.get(0);
        throw new CommandLine.ParameterException(spec.commandLine(), "--coverage does not go with " + given
            + ": --coverage walks the bundled spec through a throwaway fake of its own (a free loopback port, default"
            + " settings) and exits, so " + name + " would configure nothing; drop " + name
            + ", or run 'syncwire fake' without --coverage.");
      }
    }
  }
}
