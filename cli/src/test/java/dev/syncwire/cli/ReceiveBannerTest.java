package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** receive's banner says where it really listens, warns when that is not loopback, and where its tokens came from. */
class ReceiveBannerTest {
  static final String ENV_TOKEN = "env-token-0123456789abcdef";

  @Test
  void byDefaultItListensOnLoopbackAndWarnsOfNothing() {
    Cli cli = Cli.run("receive", "--port", "0");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).containsPattern("(?m)^syncwire receiver listening on 127\\.0\\.0\\.1:\\d+ \\(loopback only\\)$")
        .contains("syncwire stopped.");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void onEveryInterfaceItPrintsTheBoundAddressAndOneWarning() {
    Cli cli = Cli.run("receive", "--port", "0", "--host", "0.0.0.0");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).containsPattern("(?m)^syncwire receiver listening on 0\\.0\\.0\\.0:\\d+ \\(every interface\\)$")
        .doesNotContain("listening on http://127.0.0.1");
    assertThat(cli.err().lines().toList()).singleElement().asString()
        .startsWith("warning: 0.0.0.0 is not a loopback address: anyone who can reach this machine on port ")
        .endsWith("can post webhooks and read every recorded event.");
  }

  @Test
  void aTokenFromTheEnvironmentIsNamedAsSuchButNeverPrinted() {
    Cli cli = Cli.run(Map.of("TWILIO_AUTH_TOKEN", ENV_TOKEN), "receive", "--port", "0");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("  signatures: enforce with the token from $TWILIO_AUTH_TOKEN"
        + " (no --auth-token given; --signature off to accept any)\n");
    assertThat(cli.out() + cli.err()).doesNotContain(ENV_TOKEN);
  }

  @Test
  void tokensGivenAsOptionsWinOverTheEnvironmentAndAreNamedAsOptions() {
    Cli cli = Cli.run(Map.of("TWILIO_AUTH_TOKEN", ENV_TOKEN), "receive", "--port", "0",
        "--auth-token", "first-token", "--auth-token", "second-token", "--signature", "warn");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("  signatures: warn with 2 tokens from --auth-token\n")
        .doesNotContain("TWILIO_AUTH_TOKEN", "first-token", "second-token");
  }

  @Test
  void withoutAnyTokenItSaysWhyNothingIsChecked() {
    Cli cli = Cli.run("receive", "--port", "0");

    assertThat(cli.out()).contains(
        "  signatures: unchecked (no --auth-token given and $TWILIO_AUTH_TOKEN is not set)\n");
  }
}
