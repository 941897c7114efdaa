package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A failure while running is its message and a hint, exit 1; the stack trace only when asked for. */
class ErrorPrinterTest {
  @Command(name = "broken")
  static final class Broken implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("the handler vanished");
    }
  }

  @Test
  void anUnexpectedFailureIsOneLineAndAHintAndExitsWithOne() {
    StringWriter err = new StringWriter();
    int code = run(new ErrorPrinter(false), err);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo(
        "broken failed: the handler vanished\nSet SYNCWIRE_DEBUG=1 to see the stack trace.\n");
  }

  @Test
  void withDebugTheStackTraceFollowsTheMessage() {
    StringWriter err = new StringWriter();
    int code = run(new ErrorPrinter(true), err);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("broken failed: the handler vanished\n")
        .contains("java.lang.IllegalStateException: the handler vanished", "\tat dev.syncwire.cli.ErrorPrinterTest");
  }

  private static int run(ErrorPrinter errors, StringWriter err) {
    CommandLine cli = new CommandLine(new Broken());
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    return cli.execute();
  }
}
