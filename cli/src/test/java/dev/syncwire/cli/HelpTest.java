package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each command's --help leads with what it does, shows its key options and an example. */
class HelpTest {
  @Test
  void topLevelHelpListsTriggerAndReplay() {
    Cli cli = Cli.run("--help");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("Usage: syncwire", "trigger", "replay", "receive", "fake", "up");
  }

  @Test
  void triggerHelpReadsWell() {
    Cli cli = Cli.run("trigger", "--help");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains(
        "Usage: syncwire trigger [-hV] [--dry-run] [--list] [--seed-dialect]",
        "Send one signed Sync webhook of any type to your handler, as Twilio would,",
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
        "Re-send recorded Sync webhooks to your handler, oldest first, each with the",
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
}
