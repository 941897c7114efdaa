package dev.syncwire.harness.junit;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A receiver and a fake wired together, with a journal in a temporary folder; closed by the Store. */
final class SyncWireEnvironment implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  private final SyncApiFake fake;
  private final SyncReceiver receiver;
  private final Path journal;
  private volatile boolean keepJournal;

  SyncWireEnvironment(SyncWireExtension.Settings settings) {
    try {
      this.journal = Files.createTempFile("syncwire-", ".jsonl");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary journal file: " + e.getMessage(), e);
    }
    this.fake = SyncApiFake.builder().seed(settings.seed()).webhooksFromRestEnabled(settings.webhooksFromRest())
        .streamWebhooks(settings.streamWebhooks())
        .start();
    try {
      Files.deleteIfExists(journal);
      this.receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).journal(journal)
          .build());
    } catch (IOException | RuntimeException e) {
      fake.close();
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
    fake.updateDefaultService(receiver.webhookUrl().toString(), settings.webhooksFromRest());
  }

  SyncApiFake fake() {
    return fake;
  }

  SyncReceiver receiver() {
    return receiver;
  }

  Path journal() {
    return journal;
  }

  /** A failed test keeps its evidence: the journal file stays, and its path is printed. */
  void keepJournal() {
    keepJournal = true;
  }

  @Override
  public void close() {
    try {
      fake.close();
    } finally {
      receiver.close();
      if (!keepJournal) {
        try {
          Files.deleteIfExists(journal);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }
}
