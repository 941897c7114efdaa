package dev.syncwire.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --no-color}, and the rule for colour on the console: only on a terminal
 * ({@code System.console() != null}), never under {@code NO_COLOR} (any non-empty value, see
 * no-color.org) or {@code --no-color}.
 */
final class ColorOption {
  static final String NO_COLOR_VARIABLE = "NO_COLOR";

  @Option(names = "--no-color", description = "Plain event lines, no ANSI colours (also when $NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  /** Whether the console lines should carry ANSI colours, given the environment the command runs in. */
  boolean colored(Map<String, String> environment) {
    return wanted(noColor, environment, System.console() != null);
  }

  static boolean wanted(boolean noColorFlag, Map<String, String> environment, boolean terminal) {
    String noColor = environment.get(NO_COLOR_VARIABLE);
    return terminal && !noColorFlag && (noColor == null || noColor.isEmpty());
  }
}
