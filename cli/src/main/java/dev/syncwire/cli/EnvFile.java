package dev.syncwire.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The dotenv file {@code --env-file} names: one {@code NAME=value} line per variable, no quotes, no
 * {@code export} (what Twilio's Serverless Toolkit and dotenv read). Written whole or not at all,
 * and removed on {@link #close()}.
 */
final class EnvFile implements AutoCloseable {
  private final Path path;

  private EnvFile(Path path) {
    this.path = path;
  }

  /** Writes {@code variables} to {@code path} atomically: a reader sees no file or the whole file. */
  static EnvFile write(Path path, Map<String, String> variables) {
    StringBuilder text = new StringBuilder();
    variables.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
    try {
      AtomicFile.write(path, text.toString().getBytes(StandardCharsets.UTF_8));
      return new EnvFile(path);
    } catch (IOException e) {
      throw new StartupError("--env-file " + path + ": cannot write " + path.toAbsolutePath() + " ("
          + AtomicFile.reason(e) + "); give a file in a folder you can write, such as --env-file .env.syncwire.", e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    deleteQuietly(path);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing to act on at shutdown: the variables point at servers that are gone either way.
    }
  }
}
