package dev.syncwire.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --journal} of the commands that run a receiver ({@code receive}, {@code up}, {@code exec}). */
final class JournalOption {
  @Option(names = "--journal", paramLabel = "FILE", converter = OptionValues.JournalFile.class,
      description = "Append every event to this JSON Lines file; read back on start.")
  Path journal;
}
