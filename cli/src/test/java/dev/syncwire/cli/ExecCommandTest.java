package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code syncwire exec} run as a user runs it, in a JVM of its own, with real commands (node, sh):
 * the command sees live servers, its exit code comes back, the servers are gone afterwards.
 */
class ExecCommandTest {
  static final List<String> VARIABLES = List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_SYNC_SERVICE_SID",
      "SYNCWIRE_SYNC_BASE_URL", "SYNCWIRE_RECEIVER_URL", "SYNCWIRE_CONTROL_URL");

  /** Prints the variables, then exits 3 only if the receiver and the fake both answer with them. */
  static final String PRINT_AND_PROBE = """
      const e = process.env;
      for (const name of [%s, 'TWILIO_REGION', 'TWILIO_EDGE', 'SYNCWIRE_TEST_INHERITED']) {
        console.log(name + '=' + (e[name] ?? '<unset>'));
      }
      (async () => {
        const health = await fetch(e.SYNCWIRE_RECEIVER_URL + '/health');
        const auth = 'Basic ' + Buffer.from(e.TWILIO_ACCOUNT_SID + ':' + e.TWILIO_AUTH_TOKEN).toString('base64');
        const service = await fetch(e.SYNCWIRE_SYNC_BASE_URL + '/v1/Services/' + e.TWILIO_SYNC_SERVICE_SID,
          { headers: { Authorization: auth } });
        console.error('probe: receiver /health ' + health.status + ', fake service ' + service.status);
        process.exit(health.ok && service.ok ? 3 : 1);
      })().catch((error) => { console.error(error); process.exit(1); });
      """.formatted(String.join(", ", VARIABLES.stream().map(v -> "'" + v + "'").toList()));

  /** Creates a document through the fake, then waits (10 s at most) for its webhook at the receiver. */
  static final String CHANGE_AND_AWAIT_WEBHOOK = """
      const e = process.env;
      const auth = 'Basic ' + Buffer.from(e.TWILIO_ACCOUNT_SID + ':' + e.TWILIO_AUTH_TOKEN).toString('base64');
      (async () => {
        const created = await fetch(e.SYNCWIRE_SYNC_BASE_URL + '/v1/Services/' + e.TWILIO_SYNC_SERVICE_SID + '/Documents', {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ UniqueName: 'exec-doc', Data: JSON.stringify({ from: 'exec' }) }),
        });
        if (created.status !== 201) { console.error('create answered ' + created.status); process.exit(1); }
        const deadline = Date.now() + 10000;
        while (Date.now() < deadline) {
          const answer = await (await fetch(e.SYNCWIRE_RECEIVER_URL + '/api/events?type=document_created&object=exec-doc')).json();
          if (answer.count > 0) {
            console.error('event: ' + JSON.stringify(answer.events[0]));
            console.log('webhook ' + answer.events[0].eventType + ' ' + answer.events[0].signature);
            process.exit(0);
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        console.error('no document_created webhook reached the receiver within 10 s');
        process.exit(1);
      })().catch((error) => { console.error(error); process.exit(1); });
      """;

  @TempDir
  Path dir;

  @Test
  void theCommandSeesLiveServersAndSyncwireExitsWithItsCode() throws Exception {
    SyncwireProcess syncwire = SyncwireProcess.start(dir,
        Map.of("TWILIO_REGION", "au1", "TWILIO_EDGE", "sydney", "SYNCWIRE_TEST_INHERITED", "kept"), List.of(),
        "exec", "--", "node", "-e", PRINT_AND_PROBE);

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isEqualTo(3);
    Map<String, String> seen = variables(syncwire.out());
    // stdout is the command's alone: nothing of syncwire's banner on it.
    assertThat(seen).as(syncwire.toString()).hasSize(VARIABLES.size() + 3);
    assertThat(seen.get("TWILIO_ACCOUNT_SID")).matches("AC[0-9a-f]{32}");
    assertThat(seen.get("TWILIO_SYNC_SERVICE_SID")).matches("IS[0-9a-f]{32}");
    assertThat(seen.get("SYNCWIRE_SYNC_BASE_URL")).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(seen.get("SYNCWIRE_RECEIVER_URL")).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(seen.get("SYNCWIRE_CONTROL_URL")).isEqualTo(seen.get("SYNCWIRE_SYNC_BASE_URL") + "/__syncwire");
    assertThat(seen).containsEntry("TWILIO_REGION", "<unset>").containsEntry("TWILIO_EDGE", "<unset>")
        .containsEntry("SYNCWIRE_TEST_INHERITED", "kept");
    assertThat(syncwire.err()).contains("probe: receiver /health 200, fake service 200",
        "syncwire exec: not passing TWILIO_REGION=au1 and TWILIO_EDGE=sydney to the command",
        "syncwire exec: node exited with 3; stopping the receiver and the fake.");
    assertRefused(seen.get("SYNCWIRE_SYNC_BASE_URL"));
    assertRefused(seen.get("SYNCWIRE_RECEIVER_URL"));
  }

  @Test
  void aChangeTheCommandMakesThroughTheFakeReachesTheReceiverAsASignedWebhook() throws Exception {
    SyncwireProcess syncwire = SyncwireProcess.start(dir, "exec", "--", "node", "-e", CHANGE_AND_AWAIT_WEBHOOK);

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isZero();
    assertThat(syncwire.out()).isEqualTo("webhook document_created valid\n");
    // The receiver's per-event line goes to stderr with the banner, never to the command's stdout.
    assertThat(syncwire.err()).contains("document_created");
  }

  @Test
  void aCommandEndedByASignalGives128PlusTheSignalAsShellsDo() throws Exception {
    SyncwireProcess syncwire = SyncwireProcess.start(dir, "exec", "--", "sh", "-c", "kill -9 $$");

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isEqualTo(137);
    assertThat(syncwire.err()).contains("syncwire exec: sh exited with 137 (ended by signal 9)");
  }

  @Test
  void sigtermToSyncwireStopsTheCommandThenTheServers() throws Exception {
    SyncwireProcess syncwire = SyncwireProcess.start(dir, "exec", "--", "sh", "-c",
        "trap 'echo got TERM; exit 7' TERM; echo \"ready $$ $SYNCWIRE_SYNC_BASE_URL\"; while :; do sleep 0.1; done");
    await().atMost(Duration.ofSeconds(60)).until(() -> syncwire.out().startsWith("ready "));
    String[] ready = syncwire.out().lines().findFirst().orElseThrow().split(" ");
    long commandPid = Long.parseLong(ready[1]);

    syncwire.process.destroy();

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isEqualTo(143);
    assertThat(syncwire.out()).contains("got TERM");
    assertThat(syncwire.err()).contains("syncwire exec: stopping sh (pid " + commandPid + ")...",
        "syncwire exec: sh exited with 7");
    assertThat(ProcessHandle.of(commandPid).filter(ProcessHandle::isAlive)).isEmpty();
    assertRefused(ready[2]);
  }

  @Test
  void envFileOnExecIsThereForTheCommandAndGoneAfterwards() throws Exception {
    Path envFile = dir.resolve(".env.syncwire");
    SyncwireProcess syncwire = SyncwireProcess.start(dir, "exec", "--env-file", envFile.toString(), "--",
        "sh", "-c", "cat \"$1\"; echo \"env SYNCWIRE_RECEIVER_URL=$SYNCWIRE_RECEIVER_URL\"", "sh", envFile.toString());

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isZero();
    List<String> lines = syncwire.out().lines().toList();
    assertThat(lines).hasSize(VARIABLES.size() + 1);
    assertThat(lines.subList(0, VARIABLES.size())).extracting(line -> line.substring(0, line.indexOf('=')))
        .containsExactlyInAnyOrderElementsOf(VARIABLES);
    assertThat(lines.get(VARIABLES.size())).isEqualTo("env " + lines.stream()
        .filter(line -> line.startsWith("SYNCWIRE_RECEIVER_URL=")).findFirst().orElseThrow());
    assertThat(envFile).doesNotExist();
  }

  @Test
  void aMissingCommandExits127NamingIt() {
    Cli cli = Cli.run(Map.of("PATH", System.getenv("PATH")), "exec", "--", "syncwire-no-such-command", "--flag");

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(127);
    assertThat(cli.err()).contains("syncwire exec: syncwire-no-such-command: command not found"
        + " (not in any folder on $PATH); check its name, or give its path.");
  }

  @Test
  void aFileThatCannotRunExits126NamingIt() throws IOException {
    Path script = Files.writeString(dir.resolve("not-executable.sh"), "echo hi\n");

    Cli cli = Cli.run("exec", "--", script.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(126);
    assertThat(cli.err()).contains("syncwire exec: " + script + ": cannot run it (Permission denied);"
        + " make it executable (chmod +x)");
  }

  @Test
  void noCommandExits2ShowingTheUsageBeforeStartingAnything() {
    Cli cli = Cli.run("exec", "--port", "0", "--");

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("exec needs a command to run after --; usage: syncwire exec [OPTIONS] --"
        + " COMMAND [ARGUMENTS...], such as: syncwire exec -- npm test\nSee 'syncwire exec --help' for every option.\n");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void execHasUpsOptionsWithFreePortsByDefault() {
    Cli exec = Cli.run("exec", "--help");
    Cli up = Cli.run("up", "--help");

    assertThat(exec.out()).contains("Run a command against the receiver and the Sync fake, then stop both.",
        "--seed=N", "--journal=FILE", "--env-file=FILE", "--account-sid=AC...", "COMMAND",
        "Receiver port, 0 for a free one. Default: 0.", "Sync fake port, 0 for a free one. Default: 0.");
    assertThat(up.out()).contains("Receiver port, 0 for a free one. Default: 8080.",
        "Sync fake port, 0 for a free one. Default: 4010.", "--env-file=FILE");
    assertThat(exec.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
  }

  private static Map<String, String> variables(String out) {
    Map<String, String> variables = new LinkedHashMap<>();
    out.lines().forEach(line -> variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return variables;
  }

  private static void assertRefused(String url) {
    URI uri = URI.create(url);
    assertThatThrownBy(() -> new Socket(uri.getHost(), uri.getPort()).close()).as(url)
        .isInstanceOf(ConnectException.class);
  }
}
