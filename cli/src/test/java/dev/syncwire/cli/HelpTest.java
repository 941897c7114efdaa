package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Each command's --help leads with what it does, shows its key options and an example. */
class HelpTest {
  @Test
  void topLevelHelpListsTriggerAndReplay() {
    Cli cli = Cli.run("--help");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("Usage: syncwire", "trigger", "replay", "receive", "fake", "up", "exec");
  }

  @Test
  void triggerHelpReadsWell() {
    Cli cli = Cli.run("trigger", "--help");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains(
        "Usage: syncwire trigger [-hV] [--dry-run] [--list] [--seed-dialect]",
        "Send one signed Sync webhook to your handler, as Twilio would.\n",
        "--to=URL", "Where to POST. Default (syncwire receive's URL):\n", "  http://127.0.0.1:8080/webhooks\n",
        "--auth-token=TOKEN", "--set=NAME=VALUE", "--dry-run", "--list",
        "syncwire trigger map_item_removed --to http://localhost:3000/sync \\\n      --auth-token $TWILIO_AUTH_TOKEN --key user-123");
    assertThat(cli.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
  }

  @Test
  void replayHelpReadsWell() {
    Cli cli = Cli.run("replay", "--help");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains(
        "Usage: syncwire replay",
        "Re-send recorded Sync webhooks to your handler, byte for byte.\n",
        "--journal=FILE", "--from=URL", "--to=URL", "--auth-token=TOKEN", "re-sign",
        "--status=STATUS", "accepted (default)",
        "syncwire replay --journal events.jsonl --to http://localhost:3000/sync \\\n      --auth-token $TWILIO_AUTH_TOKEN");
  }

  @Test
  void existingCommandsStillDescribeThemselves() {
    assertThat(Cli.run("receive", "--help").out()).contains("Receive Twilio Sync webhooks");
    assertThat(Cli.run("up", "--help").out()).contains("Start the webhook receiver and the Sync API fake");
    assertThat(Cli.run("fake", "--help").out()).contains("Usage: syncwire fake");
  }

  @Test
  void everyCommandSummaryIsACompleteSentence() {
    Cli cli = Cli.run("--help");

    List<String> summaries = commandSummaries(cli.out());
    assertThat(summaries).as(cli.out())
        .hasSize(new CommandLine(new SyncwireCommand(Map.of(), null)).getSubcommands().size());
    assertThat(summaries).allSatisfy(entry -> assertThat(entry.substring(entry.indexOf(' ') + 1)).matches("[A-Z].*\\."));
    assertThat(summaries).contains(
        "up Start the webhook receiver and the Sync API fake, wired together.",
        "exec Run a command against the receiver and the Sync fake, then stop both.",
        "receive Receive Twilio Sync webhooks and print one line per event.",
        "fake Run a stateful fake of the Twilio Sync v1 REST API.",
        "trigger Send one signed Sync webhook to your handler, as Twilio would.",
        "replay Re-send recorded Sync webhooks to your handler, byte for byte.",
        "lint Find code that branches on the seed's Sync error codes and event names.",
        "check-handler Check that your local webhook handler survives what Twilio sends.",
        "ca Print where syncwire's CA is and what each runtime needs for --proxy.");
    assertThat(cli.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
  }

  @Test
  void everyDescriptionLineFitsSoNoneIsWrappedMidSentence() {
    CommandLine root = new CommandLine(new SyncwireCommand(Map.of(), null));
    root.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help")) {
        return; // picocli's own, with %n in its text
      }
      String help = Cli.run(name, "--help").out();
      for (String line : sub.getCommandSpec().usageMessage().description()) {
        assertThat(help).as(name).contains("\n" + line + "\n");
      }
    });
  }

  /** Each entry under "Commands:", its continuation lines joined: "name summary". */
  private static List<String> commandSummaries(String help) {
    List<String> entries = new ArrayList<>();
    boolean inCommands = false;
    for (String line : help.lines().toList()) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.isBlank()) {
        break;
      } else if (inCommands && line.matches("  \\S.*")) {
        entries.add(line.strip().replaceAll("\\s+", " "));
      } else if (inCommands) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }
    return entries;
  }
}
