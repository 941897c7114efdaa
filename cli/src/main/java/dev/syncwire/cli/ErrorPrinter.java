package dev.syncwire.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints every error as a line or two a user can act on, no stack trace unless $SYNCWIRE_DEBUG is
 * set. Exit code 2 for a bad option, in the arguments or found on start-up ({@link StartupError});
 * 1 for anything that failed while running.
 */
final class ErrorPrinter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
  private final boolean debug;

  ErrorPrinter(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(ex.getMessage());
    if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for every option.");
    }
    printStackTrace(ex, err);
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof StartupError) {
      err.println(ex.getMessage());
      printStackTrace(ex, err);
      err.flush();
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
    err.println(cmd.getCommandSpec().qualifiedName() + " failed: " + describe(ex));
    if (debug) {
      printStackTrace(ex, err);
    } else {
      err.println("Set SYNCWIRE_DEBUG=1 to see the stack trace.");
    }
    err.flush();
    return cmd.getCommandSpec().exitCodeOnExecutionException();
  }

  private void printStackTrace(Exception ex, PrintWriter err) {
    if (debug) {
      ex.printStackTrace(err);
    }
  }

  /** The message, or the exception's name when it has none (a NullPointerException, say). */
  private static String describe(Throwable ex) {
    String message = ex.getMessage();
    return message == null || message.isBlank() ? ex.getClass().getName() : message;
  }
}
