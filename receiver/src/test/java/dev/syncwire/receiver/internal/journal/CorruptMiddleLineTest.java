package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptMiddleLineTest {
  @TempDir Path dir;

  @Test
  void corruptMiddleLineIsSkippedWithAWarningNamingItsLineNumber() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"n\":1}\nnot json at all\n{\"n\":3}\n", StandardCharsets.UTF_8);

    try (EventJournal journal = EventJournal.open(file, false)) {
      assertThat(journal.readBack()).containsExactly("{\"n\":1}", "{\"n\":3}");
      assertThat(journal.readBackWarnings())
          .singleElement()
          .asString()
          .contains(file.toString(), "line 2", "not a JSON object", "not json at all");
    }
  }

  @Test
  void everyKindOfBadLineIsSkippedAndNamed() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (var out = Files.newOutputStream(file)) {
      out.write("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
      out.write("[1,2]\n".getBytes(StandardCharsets.UTF_8)); // 2: an array
      out.write("{\"a\":1}{\"b\":2}\n".getBytes(StandardCharsets.UTF_8)); // 3: two objects glued
      out.write(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'}); // 4: bad UTF-8
      out.write("{\"n\":5\n".getBytes(StandardCharsets.UTF_8)); // 5: unclosed
      out.write("{\"n\":6}\n".getBytes(StandardCharsets.UTF_8));
    }
    try (EventJournal journal = EventJournal.open(file, false)) {
      assertThat(journal.readBack()).containsExactly("{\"n\":1}", "{\"n\":6}");
      assertThat(journal.readBackWarnings())
          .satisfiesExactly(
              w -> assertThat(w).contains("line 2", "not a JSON object"),
              w -> assertThat(w).contains("line 3", "more than one JSON value"),
              w -> assertThat(w).contains("line 4", "not valid UTF-8"),
              w -> assertThat(w).contains("line 5", "not a JSON object"));
    }
  }
}
