package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An option whose value is well formed but cannot be used on start-up (a busy port, a journal
 * another receiver holds) is one line naming the option, in the CLI's words; exit 2, no stack
 * trace unless SYNCWIRE_DEBUG is set.
 */
class StartupErrorTest {
  ServerSocket busy;
  int port;

  @BeforeEach
  void occupyAPort() throws IOException {
    busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    port = busy.getLocalPort();
  }

  @AfterEach
  void freeThePort() throws IOException {
    busy.close();
  }

  @Test
  void aBusyReceivePortSaysItIsInUse() {
    Cli cli = Cli.run("receive", "--port", String.valueOf(port));

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("--port " + port + ": 127.0.0.1:" + port + " is already in use by another process;"
        + " stop that process or choose another port (--port 0 picks a free one).\n");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aBusyFakePortNamesTheFakePortOptionNotTheJavaApi() {
    Cli cli = Cli.run("up", "--fake-port", String.valueOf(port), "--port", "0");

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("--fake-port " + port + ": 127.0.0.1:" + port + " is already in use by another"
        + " process; stop that process or choose another port (--fake-port 0 picks a free one).\n");
  }

  @Test
  void aBusyReceiverPortInUpNamesPort() {
    Cli cli = Cli.run("up", "--fake-port", "0", "--port", String.valueOf(port));

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).startsWith("--port " + port + ": 127.0.0.1:" + port + " is already in use")
        .doesNotContain("\tat ", "port(0)");
  }

  @Test
  void aBusyStandaloneFakePortNamesPort() {
    Cli cli = Cli.run("fake", "--port", String.valueOf(port));

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).startsWith("--port " + port + ": 127.0.0.1:" + port + " is already in use")
        .doesNotContain("\tat ", "port(0)", "SyncApiFake");
  }

  @Test
  void aJournalAnotherReceiverHoldsSaysSoAndSuggestsAnotherFile(@TempDir Path dir) {
    Path journal = dir.resolve("events.jsonl");
    try (SyncReceiver other = SyncReceiver.start(ReceiverConfig.builder().journal(journal).build())) {
      Cli cli = Cli.run("receive", "--port", "0", "--journal", journal.toString());

      assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err()).isEqualTo("--journal " + journal + ": " + journal + " is in use by another syncwire"
          + " receiver (in this or another process); stop that one or give this one its own file, such as --journal "
          + dir.resolve("events-2.jsonl") + ".\n");
    }
  }

  @Test
  void syncwireDebugAddsTheStackTrace() {
    Cli cli = Cli.run(Map.of("SYNCWIRE_DEBUG", "1"), "receive", "--port", String.valueOf(port));

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("--port " + port + ": 127.0.0.1:" + port + " is already in use")
        .contains("StartupError", "\tat ", "BindException");
  }
}
