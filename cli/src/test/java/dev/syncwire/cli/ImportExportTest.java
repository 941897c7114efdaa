package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.harness.fake.SyncApiFake;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --import, --export-on-exit, --host and --control-token on the command line. */
class ImportExportTest {
  @TempDir
  Path dir;

  @Test
  void exportOnExitWritesASnapshotThatImportStartsFrom() throws IOException {
    Path first = dir.resolve("state.json");
    Cli exported = Cli.run("fake", "--port", "0", "--seed", "7", "--clock", "manual=2026-01-01T00:00:00Z",
        "--export-on-exit", first.toString());
    assertThat(exported.exitCode()).as(exported.toString()).isZero();
    String json = Files.readString(first);
    assertThat(json).startsWith("{\"format\":\"syncwire-snapshot/1\"");

    Path second = dir.resolve("again.json");
    Cli imported = Cli.run("fake", "--port", "0", "--clock", "manual", "--import", first.toString(),
        "--export-on-exit", second.toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(Files.readString(second)).isEqualTo(json);
    assertThat(noTemporaryFiles()).isTrue();
  }

  @Test
  void aBadImportFileStopsTheStartNamingTheFileAndTheField() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"format\":\"syncwire-snapshot/1\",\"now\":\"2026-01-01T00:00:00Z\",\"sids\":{\"seed\":1,"
        + "\"counter\":0},\"seq\":0,\"services\":[{\"sid\":\"nope\"}]}");
    Cli cli = Cli.run("up", "--port", "0", "--fake-port", "0", "--import", bad.toString());
    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).contains("--import " + bad).contains("services[0].sid");

    Files.writeString(bad, "[]");
    Cli notAnObject = Cli.run("fake", "--port", "0", "--import", bad.toString());
    assertThat(notAnObject.exitCode()).isEqualTo(2);
    assertThat(notAnObject.err()).contains("--import " + bad).contains("body");

    Cli missing = Cli.run("fake", "--port", "0", "--import", dir.resolve("none.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("none.json does not exist");
  }

  @Test
  void aHostOtherThanLoopbackNeedsAControlToken() {
    Cli refused = Cli.run("fake", "--port", "0", "--host", "0.0.0.0");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("--host 0.0.0.0").contains("--control-token");

    Cli withToken = Cli.run("fake", "--port", "0", "--host", "0.0.0.0", "--control-token", "t0ken");
    assertThat(withToken.exitCode()).as(withToken.toString()).isZero();
    Cli fromEnvironment = Cli.run(Map.of("SYNCWIRE_CONTROL_TOKEN", "t0ken"), "up", "--port", "0", "--fake-port", "0",
        "--host", "0.0.0.0");
    assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isZero();
    assertThat(fromEnvironment.out()).contains("SYNCWIRE_CONTROL_URL=http://127.0.0.1:");

    Cli blank = Cli.run("fake", "--port", "0", "--control-token", "a b");
    assertThat(blank.exitCode()).isEqualTo(2);
    assertThat(blank.err()).contains("--control-token");
  }

  @Test
  void anExportFolderRemovedWhileRunningIsCreatedAgainSoTheStateIsSaved() throws Exception {
    Path folder = dir.resolve("gone");
    Files.createDirectories(folder);
    Path file = folder.resolve("state.json");
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch serving = new java.util.concurrent.CountDownLatch(1);
    java.io.StringWriter err = new java.io.StringWriter();
    java.util.concurrent.CompletableFuture<Integer> fake = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> SyncwireCommand.run(new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true),
            Map.of(), new SyncwireCommand.StopSignal() {
              @Override
              public void await() throws InterruptedException {
                serving.countDown();
                stop.await();
              }

              @Override
              public void closed() {}
            }, "fake", "--port", "0", "--export-on-exit", file.toString()));
    serving.await();
    Files.delete(folder);
    stop.countDown();
    assertThat(fake.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString()).isZero();
    assertThat(Files.readString(file)).startsWith("{\"format\":\"syncwire-snapshot/1\"");
  }

  @Test
  void ctrlCWritesTheExportCompletelyAndAtomically() throws Exception {
    Path file = dir.resolve("on-exit.json");
    String java = ProcessHandle.current().info().command().orElse("java");
    // The same main class the jar runs, on the classpath this build compiled (the jar is packaged after tests).
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SyncwireCommand.class.getName(), "fake", "--port", "0", "--export-on-exit", file.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> banner = new HashMap<>();
      Pattern export = Pattern.compile("\\s*export (\\w+)=(\\S+)");
      for (String line = out.readLine(); line != null && !line.startsWith("Press Ctrl-C"); line = out.readLine()) {
        Matcher m = export.matcher(line);
        if (m.matches()) {
          banner.put(m.group(1), m.group(2));
        }
      }
      assertThat(banner).containsKeys("SYNCWIRE_SYNC_BASE_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN");
      String auth = Base64.getEncoder().encodeToString((banner.get("TWILIO_ACCOUNT_SID") + ":"
          + banner.get("TWILIO_AUTH_TOKEN")).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
              banner.get("SYNCWIRE_SYNC_BASE_URL") + "/v1/Services/" + banner.get("TWILIO_SYNC_SERVICE_SID") + "/Documents"))
          .header("Authorization", "Basic " + auth).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("UniqueName=survives-ctrl-c&Data=%7B%22v%22%3A1%7D")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      process.destroy(); // SIGTERM, as Ctrl-C or a process manager sends
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      String json = Files.readString(file);
      assertThat(json).contains("\"uniqueName\":\"survives-ctrl-c\"").endsWith("}");
      SyncApiFake.Snapshot snapshot = SyncApiFake.Snapshot.fromJson(json);
      try (SyncApiFake fake = SyncApiFake.builder().start()) {
        fake.restore(snapshot);
        assertThat(fake.snapshot().toJson()).isEqualTo(json);
      }
      assertThat(noTemporaryFiles()).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  private boolean noTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> temporary = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
      return temporary.isEmpty();
    }
  }
}
