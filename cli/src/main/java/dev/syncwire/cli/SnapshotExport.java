package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --export-on-exit FILE}: on close, the fake's whole state is written to {@code FILE} as a
 * snapshot, atomically (a temporary file in the same folder, then an atomic rename), so a reader
 * sees the old file or the new one, never half of one. Commands close it before the fake, on
 * Ctrl-C and on a normal exit alike.
 */
final class SnapshotExport implements AutoCloseable {
  private final SyncApiFake fake;
  private final Path file;

  SnapshotExport(SyncApiFake fake, Path file) {
    this.fake = fake;
    this.file = file.toAbsolutePath();
  }

  /** Fails at start, not at exit, when the folder cannot take the file. */
  static void checkWritable(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new StartupError("--export-on-exit " + file + ": the folder " + folder + " does not exist;"
          + " create it or give a file in an existing folder, such as --export-on-exit state.json.", null);
    }
    if (!Files.isWritable(folder)) {
      throw new StartupError("--export-on-exit " + file + ": the folder " + folder + " is not writable;"
          + " give a file in a folder you can write, such as --export-on-exit state.json.", null);
    }
  }

  @Override
  public void close() throws IOException {
    byte[] json = fake.snapshot().toJson().getBytes(StandardCharsets.UTF_8);
    try {
      // A folder removed while syncwire ran comes back: losing the state would be worse.
      Files.createDirectories(file.getParent());
      AtomicFile.write(file, json);
    } catch (IOException e) {
      throw new IOException("--export-on-exit " + file + ": the state was not saved (" + AtomicFile.reason(e)
          + "); nothing was written there. Give a file in a folder you can write.", e);
    }
  }

  @Override
  public String toString() {
    return "export of the fake's state to " + file;
  }
}
