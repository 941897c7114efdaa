package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornLastLineTest {
  @TempDir Path dir;

  @Test
  void tornLastLineIsSkippedWithAWarningAndTheNextAppendLandsOnItsOwnLine() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"n\":1}\n{\"n\":2}\n{\"n\":3,\"ke", StandardCharsets.UTF_8);

    try (EventJournal journal = EventJournal.open(file, false)) {
      assertThat(journal.readBack()).containsExactly("{\"n\":1}", "{\"n\":2}");
      assertThat(journal.readBackWarnings()).hasSize(2);
      assertThat(journal.readBackWarnings().get(0))
          .contains(file.toString(), "line 3", "unfinished last line", "{\"n\":3,\"ke");
      assertThat(journal.readBackWarnings().get(1)).contains("10 bytes", "events.jsonl.torn");
      journal.append("{\"n\":4}").join();
    }
    // what was cut off is kept, never destroyed
    assertThat(Files.readString(dir.resolve("events.jsonl.torn"), StandardCharsets.UTF_8))
        .isEqualTo("{\"n\":3,\"ke\n");

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":4}\n");
    try (EventJournal reopened = EventJournal.open(file, false)) {
      assertThat(reopened.readBack()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":4}");
      assertThat(reopened.readBackWarnings()).isEmpty();
    }
  }

  @Test
  void tornMultiByteCharacterAtTheEndIsSkippedToo() throws Exception {
    Path file = dir.resolve("events.jsonl");
    byte[] emoji = "🎉".getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(file)) {
      out.write("{\"n\":1}\n{\"e\":\"".getBytes(StandardCharsets.UTF_8));
      out.write(emoji, 0, 2); // the crash cut the character in half
    }
    try (EventJournal journal = EventJournal.open(file, false)) {
      assertThat(journal.readBack()).containsExactly("{\"n\":1}");
      assertThat(journal.readBackWarnings().get(0)).contains("line 2");
      journal.append("{\"n\":2}").join();
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
  }

  @Test
  void completeObjectMissingOnlyItsNewlineIsKeptAndTerminated() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"n\":1}\n{\"n\":2}", StandardCharsets.UTF_8);
    try (EventJournal journal = EventJournal.open(file, false)) {
      assertThat(journal.readBack()).containsExactly("{\"n\":1}", "{\"n\":2}");
      assertThat(journal.readBackWarnings()).singleElement().asString().contains("line 2", "no trailing newline");
      journal.append("{\"n\":3}").join();
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
  }

  @Test
  void fileHoldingOnlyATornLineBecomesEmpty() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"n\":", StandardCharsets.UTF_8);
    try (EventJournal journal = EventJournal.open(file, false)) {
      assertThat(journal.readBack()).isEmpty();
      assertThat(journal.readBackWarnings().get(0)).contains("line 1");
    }
    assertThat(file).isEmptyFile();
  }

  @Test
  void aFileThatIsNotAJournalIsRefusedAndLeftUntouched() throws Exception {
    Path notes = dir.resolve("notes.txt");
    String text = "my important notes\nline two\nfinal line without newline";
    Files.writeString(notes, text, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> EventJournal.open(notes, false))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(notes.toAbsolutePath().toString())
        .hasMessageContaining("does not look like a syncwire journal")
        .hasMessageContaining("\"my important notes\"")
        .hasMessageContaining("Nothing in it was changed");
    assertThat(Files.readString(notes, StandardCharsets.UTF_8)).isEqualTo(text);
    assertThat(dir.resolve("notes.txt.torn")).doesNotExist();
  }
}
