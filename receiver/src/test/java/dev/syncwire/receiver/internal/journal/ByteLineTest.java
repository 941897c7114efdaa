package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EventJournal#append(byte[])}: the same lines and the same refusals as {@code append(String)}. */
class ByteLineTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void byteLinesAndStringLinesLandAlikeAndReadBack() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (EventJournal journal = EventJournal.open(file, false)) {
      assertThat(journal.append("{\"n\":1,\"s\":\"Zoë 🚀\"}")).succeedsWithin(WAIT);
      assertThat(journal.append("{\"n\":2,\"s\":\"Zoë 🚀\"}".getBytes(StandardCharsets.UTF_8))).succeedsWithin(WAIT);
      assertThat(journal.append(" {\"n\":3} ".getBytes(StandardCharsets.UTF_8))).succeedsWithin(WAIT);
      assertThat(journal.stats().linesWritten()).isEqualTo(3);
    }
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly("{\"n\":1,\"s\":\"Zoë 🚀\"}", "{\"n\":2,\"s\":\"Zoë 🚀\"}", " {\"n\":3} ");
    try (EventJournal reopened = EventJournal.open(file, false)) {
      assertThat(reopened.readBack()).hasSize(3);
      assertThat(reopened.readBackWarnings()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\n1}", "{\"a\":1}\n", "{\"a\":\r1}"})
  void byteLinesWithALineBreakAreRejected(String line) throws Exception {
    try (EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false)) {
      assertThatThrownBy(() -> journal.append(line.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line break")
          .hasMessageContaining("pretty-printing");
      assertThat(journal.stats().linesWritten()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "SyncEvent[type=map_item_added]", "[1,2]", "\"text\""})
  void byteLinesThatAreNotAJsonObjectAreRejected(String line) throws Exception {
    try (EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false)) {
      assertThatThrownBy(() -> journal.append(line.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be one JSON object");
      assertThat(journal.stats().linesWritten()).isZero();
    }
  }

  @Test
  void byteAppendAfterCloseThrows() throws Exception {
    EventJournal journal = EventJournal.open(dir.resolve("events.jsonl"), false);
    journal.close();
    assertThatThrownBy(() -> journal.append("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
    assertThat(List.of(journal.stats().linesWritten())).containsExactly(0L);
  }
}
