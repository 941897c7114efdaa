package dev.syncwire.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * syncwire as a user runs it: a JVM of its own (this module's classes and dependencies, so always
 * the code under test, never a stale jar), its stdout and stderr kept in files under {@code dir}.
 */
final class SyncwireProcess {
  final Process process;
  final Path out;
  final Path err;

  private SyncwireProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code syncwire args...} with {@code environment} on top of this JVM's, minus the names in {@code unset}. */
  static SyncwireProcess start(Path dir, Map<String, String> environment, List<String> unset, String... args) {
    return start(dir, environment, unset, List.of(), null, args);
  }

  /** As a user runs it in {@code dir} (the working folder too), with {@code jvmOptions} such as {@code -Duser.home=...}. */
  static SyncwireProcess startIn(Path dir, Map<String, String> environment, List<String> jvmOptions, String... args) {
    return start(dir, environment, List.of(), jvmOptions, dir, args);
  }

  private static SyncwireProcess start(Path dir, Map<String, String> environment, List<String> unset, List<String> jvmOptions,
      Path workingDir, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), SyncwireCommand.class.getName()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(dir, "syncwire-", ".out");
      Path err = Files.createTempFile(dir, "syncwire-", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      if (workingDir != null) {
        builder.directory(workingDir.toFile());
      }
      unset.forEach(builder.environment()::remove);
      builder.environment().putAll(environment);
      return new SyncwireProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SyncwireProcess start(Path dir, String... args) {
    return start(dir, Map.of(), List.of(), args);
  }

  /** Waits (at most a minute, then kills it and fails) for syncwire to end; returns its exit code. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("syncwire did not end within 60 s\n" + this);
    }
    return process.exitValue();
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "--- out\n" + out() + "--- err\n" + err();
  }
}
