package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up --env-file}: the variables as dotenv while up runs, written whole, gone once it stops. */
class EnvFileTest {
  @TempDir
  Path dir;

  @Test
  void upWritesTheVariablesOnceBothServersListenAndRemovesThemOnStop() throws Exception {
    Path envFile = dir.resolve(".env.syncwire");
    CountDownLatch stop = new CountDownLatch(1);
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> SyncwireCommand.run(new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true), Map.of(), Cli.stopWhen(stop),
        "up", "--port", "0", "--fake-port", "0", "--env-file", envFile.toString()));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(envFile) || up.isDone());
      assertThat(envFile).as(out.toString()).exists();

      // One NAME=value per line, no quotes, no export: what dotenv and the Serverless Toolkit read.
      List<String> lines = Files.readAllLines(envFile);
      assertThat(lines).allMatch(line -> line.matches("[A-Z_]+=[^\"' ]+"));
      Map<String, String> variables = new LinkedHashMap<>();
      lines.forEach(line -> variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
      assertThat(variables.keySet()).containsExactlyInAnyOrderElementsOf(ExecCommandTest.VARIABLES);
      assertThat(variables.get("SYNCWIRE_CONTROL_URL")).isEqualTo(variables.get("SYNCWIRE_SYNC_BASE_URL") + "/__syncwire");
      // The file appears only once both servers listen, so a reader can use it at once.
      assertThat(get(variables.get("SYNCWIRE_RECEIVER_URL") + "/health")).isEqualTo(200);
      assertThat(get(variables.get("SYNCWIRE_SYNC_BASE_URL") + "/v1/Services")).isEqualTo(401);
      assertThat(dir).isDirectoryNotContaining(file -> file.getFileName().toString().endsWith(".tmp"));
      // up's export lines carry the same variables.
      variables.forEach((name, value) -> assertThat(out.toString()).contains("  export " + name + "=" + value + "\n"));
    } finally {
      stop.countDown();
    }
    assertThat(up.get(30, TimeUnit.SECONDS)).as(out.toString()).isZero();
    assertThat(envFile).doesNotExist();
  }

  @Test
  void aFolderThatDoesNotExistExits2NamingTheFlagAndThePath() {
    Path envFile = dir.resolve("missing").resolve(".env.syncwire");

    Cli cli = Cli.run("up", "--port", "0", "--fake-port", "0", "--env-file", envFile.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).startsWith("Invalid value for option '--env-file': " + envFile + ": the folder "
        + envFile.getParent() + " does not exist; give a file in a folder you can write, such as .env.syncwire\n");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aDirectoryIsRefusedWithAFileToGiveInstead() {
    Cli cli = Cli.run("up", "--env-file", dir.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).startsWith("Invalid value for option '--env-file': " + dir + " is a directory;"
        + " give a file inside it, such as " + dir.resolve(".env.syncwire"));
  }

  @Test
  void aRenameThatFailsNamesTheFlagAndLeavesNoTemporaryFile() throws IOException {
    // A non-empty folder where the file should be: only the final rename can fail.
    Path envFile = Files.createDirectory(dir.resolve(".env.syncwire"));
    Files.writeString(envFile.resolve("keep"), "x");

    assertThatThrownBy(() -> EnvFile.write(envFile, Map.of("A", "1"))).isInstanceOf(StartupError.class)
        .hasMessageStartingWith("--env-file " + envFile + ": cannot write " + envFile.toAbsolutePath() + " (");
    assertThat(dir).isDirectoryNotContaining(file -> file.getFileName().toString().endsWith(".tmp"));
  }

  private static int get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

}
