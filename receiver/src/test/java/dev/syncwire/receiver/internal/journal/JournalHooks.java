package dev.syncwire.receiver.internal.journal;

import java.io.IOException;

/** Lets tests outside this package pause or fail a journal's writes, as its own tests do. */
public final class JournalHooks {
  /** Runs on the writing thread before each batch; throw to fail the batch's write. */
  public interface BeforeWrite {
    void run() throws IOException;
  }

  private JournalHooks() {}

  public static void beforeWrite(EventJournal journal, BeforeWrite hook) {
    journal.beforeWrite(hook::run);
  }

  /** Closes the file under the journal, as a disk that goes away would: the next write fails for good. */
  public static void breakFile(EventJournal journal) throws IOException {
    journal.channel().close();
  }
}
