package dev.syncwire.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * Runs the command line in this JVM and keeps what it printed. The environment is empty unless
 * given (so an exported $TWILIO_AUTH_TOKEN cannot change a test), and {@code receive}, {@code fake}
 * and {@code up} stop as soon as they have started and printed their banner.
 */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    return run(Map.of(), args);
  }

  static Cli run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SyncwireCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), environment,
        STOP_AT_ONCE, args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** A stop signal for a command run in-process: it serves until {@code stop} opens. */
  static SyncwireCommand.StopSignal stopWhen(java.util.concurrent.CountDownLatch stop) {
    return new SyncwireCommand.StopSignal() {
      @Override
      public void await() throws InterruptedException {
        stop.await();
      }

      @Override
      public void closed() {}
    };
  }

  private static final SyncwireCommand.StopSignal STOP_AT_ONCE = new SyncwireCommand.StopSignal() {
    @Override
    public void await() {}

    @Override
    public void closed() {}
  };

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
