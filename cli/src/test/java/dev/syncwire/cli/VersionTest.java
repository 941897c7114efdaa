package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** -V and --version print the project version, on every command that lists them. */
class VersionTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"up, --version", "receive, --version", "fake, --version", "trigger, --version", "replay, --version",
      "receive, -V", "trigger, -V"})
  void everySubcommandPrintsTheVersion(String command, String option) {
    Cli top = Cli.run("--version");
    Cli cli = Cli.run(command, option);

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).as(cli.toString()).matches("syncwire \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R")
        .isEqualTo(top.out());
    assertThat(cli.err()).isEmpty();
  }
}
