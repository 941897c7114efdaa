package dev.syncwire.receiver.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.EventStatus;
import org.junit.jupiter.api.Test;

/** Keeps the newest lines whole and only counts the older ones, so a huge journal opens in bounded memory. */
class JournalTailTest {
  private static String line(long id, String status) {
    return "{\"id\":" + id + ",\"receivedAt\":\"2026-11-25T12:00:00Z\",\"status\":\"" + status + "\",\"x\":1}";
  }

  @Test
  void keepsTheNewestCapLinesAndCountsIdAndStatusOfTheRest() {
    JournalTail tail = new JournalTail(2);
    tail.accept(line(1, "accepted"));
    tail.accept(line(2, "rejected"));
    tail.accept("{\"id\":9,\"status\":\"from-the-future\"}"); // unreadable, older: its id still counts
    tail.accept(line(4, "duplicate"));
    tail.accept(line(5, "accepted"));

    assertThat(tail.newest()).containsExactly(line(4, "duplicate"), line(5, "accepted"));
    assertThat(tail.firstNewestLineNumber()).isEqualTo(4);
    assertThat(tail.older()).isEqualTo(3);
    assertThat(tail.olderMaxId()).isEqualTo(9);
    assertThat(tail.olderCount(EventStatus.ACCEPTED)).isEqualTo(1);
    assertThat(tail.olderCount(EventStatus.REJECTED)).isEqualTo(1);
    assertThat(tail.olderCount(EventStatus.DUPLICATE)).isZero();
    assertThat(tail.warnings()).singleElement().asString()
        .contains("journal line 3", "its id 9 will not be given to another event");
  }

  @Test
  void forwardLinesAreKeptApartAndOnlyForTheEventsHeld() {
    JournalTail tail = new JournalTail(2);
    tail.accept(line(1, "accepted"));
    tail.accept(forward(1));
    tail.accept(line(2, "accepted"));
    tail.accept(forward(2));
    tail.accept(line(3, "accepted"));
    tail.accept(forward(2));
    tail.accept(forward(3));

    assertThat(tail.newest()).containsExactly(line(2, "accepted"), line(3, "accepted"));
    assertThat(tail.newestLineNumbers()).containsExactly(3L, 5L);
    assertThat(tail.older()).as("forward lines are not events").isEqualTo(1);
    assertThat(tail.forwardLines()).extracting(java.util.Map.Entry::getKey).containsExactly(4L, 6L, 7L);
    assertThat(tail.warnings()).isEmpty();
  }

  private static String forward(long eventId) {
    return "{\"forwardOf\":" + eventId + ",\"forward\":{\"url\":\"http://127.0.0.1:3000/sync\",\"status\":200,"
        + "\"at\":\"2026-12-05T12:00:00Z\"}}";
  }
}
