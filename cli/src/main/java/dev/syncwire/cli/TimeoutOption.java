package dev.syncwire.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --timeout} of the commands that send webhooks ({@code trigger}, {@code replay}, {@code check-handler}). */
final class TimeoutOption {
  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10S", converter = OptionValues.Timeout.class,
      description = "Connect and answer time-out per request: 10s, 500ms or PT10S. Default: 10 s.")
  Duration timeout;
}
